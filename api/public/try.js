// The try-it page: the <zhiwen-search> widget does the work. This only runs a search or a question
// given in the address (/?q=社保卡, /?ask=社保卡怎么办理) once the widget is defined.
const params = new URLSearchParams(location.search);
const q = params.get('q');
const question = params.get('ask');
if (q || question) {
  customElements.whenDefined('zhiwen-search').then(() => {
    const widget = document.querySelector('zhiwen-search');
    return question ? widget.ask(question) : widget.search(q);
  });
}

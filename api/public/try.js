// The try-it page: the <zhiwen-search> widget does the work. This runs a search or a question
// given in the address (/?q=社保卡, /?ask=社保卡怎么办理) once the widget is defined, and says
// "sample data" (with the sample city's examples) only while the library holds nothing else.
const params = new URLSearchParams(location.search);
const q = params.get('q');
const question = params.get('ask');
if (q || question) {
  customElements.whenDefined('zhiwen-search').then(() => {
    const widget = document.querySelector('zhiwen-search');
    return question ? widget.ask(question) : widget.search(q);
  });
}

fetch('/v1/library')
  .then((res) => (res.ok ? res.json() : null))
  .then((info) => {
    if (!info || info.sampleOnly !== true) return;
    document.getElementById('data-note').textContent = '示例数据（虚构的“示例市”），仅供演示。';
    document.querySelector('zhiwen-search').setAttribute('placeholder', '输入关键词，如：社保卡、生育补贴、示政发〔2024〕5号');
  })
  .catch(() => {}); // the note is only a label: without it the page still works

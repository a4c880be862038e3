/**
 * The widget's own styles, inside its shadow root. `all: initial` on the host stops the page's
 * inherited styles (font, colour, line height) from reaching in; nothing here can reach out.
 * Sizes are in em of the host's font size, which the widget sets in px (the page's rem never counts).
 * Sites may theme it with --zhiwen-accent and --zhiwen-link (custom properties pass the boundary on purpose).
 */
export const STYLES = `
:host {
  all: initial;
  display: block;
  container-type: inline-size;
  --accent: var(--zhiwen-accent, #b3261e);
  --link: var(--zhiwen-link, #0b57d0);
  --fg: #1f2328; --muted: #4a525b; --bg: #ffffff; --panel: #f6f7f9; --line: #8c959f; --mark: #b3261e;
  --focus: #1a56db;
  font: 17px/1.7 system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif;
  color: var(--fg);
  text-align: start;
}
:host([hidden]) { display: none; }
.root:lang(zh-Hant) { font-family: system-ui, -apple-system, "PingFang TC", "Microsoft JhengHei", "Noto Sans CJK TC", "Source Han Sans TC", sans-serif; }
:host([large]) { font-size: 22px; line-height: 1.8; }
:host([contrast]) { --fg: #000; --muted: #000; --bg: #fff; --panel: #fff; --line: #000; --mark: #000; --link: #0000c8; --accent: #000; --focus: #c00000; }
:host([contrast]) em { background: #ffe600; text-decoration: underline; }
* { box-sizing: border-box; }
.root { background: var(--bg); color: var(--fg); padding: .75em; border-radius: .5em; }
button, input, textarea { font: inherit; color: inherit; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }

.bar { display: flex; flex-wrap: wrap; align-items: center; gap: .5em; margin-bottom: .6em; }
/* Chinese can break between any two characters, so a squeezed flex item shrank to one character a line
   (大字 on a phone): tabs and toggles keep their words whole, and the toggles wrap below, together, instead. */
.tabs { display: flex; gap: .25em; flex: 1 1 auto; }
.prefs { display: flex; flex-wrap: wrap; gap: .5em; }
[role=tab], .toggle { white-space: nowrap; }
[role=tab] { border: 0; border-bottom: 3px solid transparent; background: none; padding: .35em .6em; cursor: pointer; min-height: 44px; }
[role=tab][aria-selected=true] { border-bottom-color: var(--accent); font-weight: 700; }
.toggle { border: 1px solid var(--line); background: var(--bg); border-radius: 999px; padding: .15em .8em; min-height: 44px; cursor: pointer; }
.toggle[aria-pressed=true] { background: var(--fg); color: var(--bg); }

form { display: flex; gap: .5em; }
.field { position: relative; flex: 1; min-width: 0; }
input[type=search], textarea { width: 100%; border: 2px solid var(--line); border-radius: .4em; padding: .45em .6em; background: var(--bg); min-height: 48px; }
textarea { resize: vertical; min-height: 3.5em; }
.primary { border: 0; border-radius: .4em; padding: .4em 1em; background: var(--accent); color: #fff; cursor: pointer; min-height: 48px; white-space: nowrap; }
:host([contrast]) .primary { background: #000; color: #fff; }

[role=listbox] { position: absolute; z-index: 10; left: 0; right: 0; top: 100%; margin: 2px 0 0; padding: .25em 0; list-style: none; background: var(--bg); border: 1px solid var(--line); border-radius: .4em; box-shadow: 0 4px 12px rgba(0,0,0,.15); max-height: 60vh; overflow: auto; }
[role=option] { padding: .35em .7em; cursor: pointer; }
[role=option][aria-selected=true] { background: var(--panel); outline: 2px solid var(--focus); outline-offset: -2px; }
.listhead { padding: .1em .7em; color: var(--muted); font-size: .85em; }

.status { margin: .6em 0 .2em; color: var(--muted); min-height: 1.2em; }
.error { color: #a40e0e; background: #fdecea; border-left: 4px solid #a40e0e; padding: .5em .7em; border-radius: .3em; }
:host([contrast]) .error { color: #000; background: #fff; border: 2px solid #000; }
.notice { background: var(--panel); padding: .5em .7em; border-radius: .3em; margin: .5em 0; }
.link { background: none; border: 0; padding: 0; color: var(--link); text-decoration: underline; cursor: pointer; }
a { color: var(--link); }
em { font-style: normal; color: var(--mark); font-weight: 600; }

.chips { display: flex; flex-wrap: wrap; gap: .4em; margin: .4em 0; padding: 0; list-style: none; }
.chips .label { color: var(--muted); align-self: center; }
.chip { border: 1px solid var(--line); background: var(--bg); border-radius: 999px; padding: .1em .75em; cursor: pointer; min-height: 40px; }
.chip[aria-pressed=true] { background: var(--accent); border-color: var(--accent); color: #fff; }
:host([contrast]) .chip[aria-pressed=true] { background: #000; color: #fff; }
details.more > summary { cursor: pointer; color: var(--link); padding: .45em 0; width: max-content; }

ol.results { list-style: none; margin: 0; padding: 0; }
ol.results > li { padding: .7em 0; border-bottom: 1px solid #d0d7de; }
.title { font-size: 1.12em; font-weight: 600; }
.title a { text-decoration: none; }
.title a:hover, .title a:focus-visible { text-decoration: underline; }
.badge { display: inline-block; margin-inline-start: .4em; padding: 0 .45em; border-radius: .3em; font-size: .8em; font-weight: 600; background: #6e7781; color: #fff; vertical-align: middle; }
:host([contrast]) .badge { background: #000; }
.meta { color: var(--muted); font-size: .88em; }
.snippet { margin: .2em 0 0; overflow-wrap: anywhere; }

nav.pages { display: flex; flex-wrap: wrap; gap: .35em; margin: .8em 0; align-items: center; }
nav.pages button { min-width: 44px; min-height: 44px; border: 1px solid var(--line); border-radius: .4em; background: var(--bg); cursor: pointer; }
nav.pages button[aria-current=page] { background: var(--fg); color: var(--bg); font-weight: 700; }
nav.pages button:disabled { opacity: .45; cursor: default; }

.answer { background: var(--panel); border-radius: .4em; padding: .7em .9em; margin: .6em 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.answer sup a { text-decoration: none; font-weight: 700; }
.answer[aria-busy=true]::after { content: "▍"; animation: blink 1s steps(1) infinite; }
@keyframes blink { 50% { opacity: 0; } }
@media (prefers-reduced-motion: reduce) { .answer[aria-busy=true]::after { animation: none; } }
ol.citations, ul.related { margin: .3em 0; padding-inline-start: 1.6em; }
ol.citations > li, ul.related > li { margin: .2em 0; }
h3.meta { margin: .6em 0 0; font-weight: 600; }
.feedback { display: flex; flex-wrap: wrap; gap: .5em; align-items: center; margin: .6em 0; }
.feedback button { border: 1px solid var(--line); border-radius: .4em; background: var(--bg); padding: .2em .9em; min-height: 44px; cursor: pointer; }

@container (min-width: 560px) {
  .root { padding: 1em 1.25em; }
  .results .title { font-size: 1.18em; }
}
@media (forced-colors: active) {
  .chip[aria-pressed=true], .toggle[aria-pressed=true], nav.pages button[aria-current=page] { border: 3px solid CanvasText; }
  [role=option][aria-selected=true] { outline: 2px solid Highlight; }
}
`;

/** Attaches the styles: a constructable stylesheet where supported (untouched by a host page's CSP style-src), else a <style>. */
export function adoptStyles(root: ShadowRoot): void {
  if ('adoptedStyleSheets' in Document.prototype && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLES);
    root.adoptedStyleSheets = [sheet];
    return;
  }
  const style = document.createElement('style');
  style.textContent = STYLES;
  root.append(style);
}

/**
 * The console's styles (one constructable stylesheet, so a strict CSP style-src still applies them).
 * Same language as the widget (widget/src/styles.ts): the accent red, system CJK fonts, 3px focus
 * rings, 44px touch targets; colours meet WCAG 2.1 AA contrast (4.5:1 text, 3:1 controls).
 */
export const STYLES = `
:root {
  --accent: #b3261e; --accent-dark: #8c1d17; --link: #0b57d0;
  --fg: #1f2328; --muted: #4a525b; --bg: #ffffff; --page: #f3f4f6; --panel: #f6f7f9; --line: #8c959f; --soft: #d0d7de;
  --focus: #1a56db; --ok: #116329; --warn: #7a4b00; --bad: #a40e0e;
}
* { box-sizing: border-box; }
html, body { margin: 0; }
body { font: 16px/1.6 system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif; color: var(--fg); background: var(--page); }
button, input, select, textarea { font: inherit; color: inherit; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
a { color: var(--link); }
h1 { font-size: 1.45em; margin: 0 0 .6em; }
h2 { font-size: 1.15em; margin: 1.2em 0 .5em; }
h1:focus { outline: none; }
.muted { color: var(--muted); }
.small { font-size: .875em; }
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.skip { position: absolute; left: -999px; top: 0; background: var(--bg); padding: .5em 1em; z-index: 100; }
.skip:focus { left: .5em; top: .5em; }

.top { display: flex; flex-wrap: wrap; align-items: center; gap: .5em 1em; background: var(--accent); color: #fff; padding: .5em 1em; min-height: 56px; }
.brand { display: flex; align-items: center; gap: .5em; font-weight: 700; font-size: 1.1em; letter-spacing: .05em; }
.emblem { display: inline-grid; place-items: center; width: 1.9em; height: 1.9em; border-radius: 50%; background: #fff; color: var(--accent); font-weight: 800; }
.who { margin-left: auto; display: flex; flex-wrap: wrap; align-items: center; gap: .25em .75em; }
.top .muted { color: #fff; opacity: .95; font-size: .875em; }
.top .secondary { background: transparent; color: #fff; border-color: #fff; }
.menu-toggle { display: none; background: transparent; color: #fff; border: 1px solid #fff; border-radius: .4em; min-height: 44px; padding: 0 .9em; cursor: pointer; }

.layout { display: flex; align-items: flex-start; min-height: calc(100vh - 56px); }
.nav { flex: 0 0 12.5em; background: var(--bg); border-right: 1px solid var(--soft); padding: .75em 0; position: sticky; top: 0; align-self: stretch; }
.nav-title { padding: .5em 1.2em .2em; color: var(--muted); font-size: .85em; }
.nav ul { list-style: none; margin: 0; padding: 0; }
.nav a { display: block; padding: .55em 1.2em; color: var(--fg); text-decoration: none; border-left: 4px solid transparent; min-height: 44px; }
.nav a:hover { background: var(--panel); }
.nav a[aria-current=page] { border-left-color: var(--accent); background: #fbeeed; color: var(--accent-dark); font-weight: 700; }
main { flex: 1; min-width: 0; padding: 1.2em 1.5em 3em; }
main:focus { outline: none; }
.panel > h2:first-child, .panel > h3:first-child { margin-top: 0; }
.panel { background: var(--bg); border: 1px solid var(--soft); border-radius: .5em; padding: 1em 1.2em; margin: 0 0 1em; }

.primary, .secondary, .danger { border-radius: .4em; padding: .4em 1em; min-height: 44px; cursor: pointer; white-space: nowrap; }
.primary { border: 1px solid var(--accent); background: var(--accent); color: #fff; }
.primary:hover { background: var(--accent-dark); }
.secondary { border: 1px solid var(--line); background: var(--bg); color: var(--fg); }
.danger { border: 1px solid var(--bad); background: var(--bg); color: var(--bad); }
button:disabled { opacity: .6; cursor: not-allowed; }
.link { background: none; border: 0; padding: 0; color: var(--link); text-decoration: underline; cursor: pointer; min-height: 0; }
.actions { display: flex; flex-wrap: wrap; gap: .5em; margin-top: .8em; }
.toolbar { display: flex; flex-wrap: wrap; align-items: flex-end; gap: .5em .75em; margin: 0 0 .8em; }
.toolbar .field { margin: 0; flex: 1 1 12em; }
.toolbar .field-check { flex: 0 0 auto; min-height: 44px; }

.field { display: flex; flex-direction: column; gap: .2em; margin: 0 0 .8em; min-width: 0; }
.field-check { flex-direction: row; align-items: center; gap: .5em; }
.field label { font-weight: 600; }
.req { color: var(--bad); }
.hint { color: var(--muted); font-size: .875em; }
input[type=text], input[type=search], input[type=password], input[type=date], input[type=number], select, textarea {
  border: 1px solid var(--line); border-radius: .4em; padding: .4em .6em; background: var(--bg); min-height: 44px; width: 100%; }
input[type=checkbox] { width: 1.25em; height: 1.25em; accent-color: var(--accent); }
textarea { resize: vertical; }

.error { color: var(--bad); background: #fdecea; border-left: 4px solid var(--bad); padding: .5em .8em; border-radius: .3em; margin: .5em 0; }
.notice { background: #e8f0fe; border-left: 4px solid var(--link); padding: .5em .8em; border-radius: .3em; margin: .5em 0; }
.empty { color: var(--muted); padding: 1em; background: var(--bg); border: 1px dashed var(--soft); border-radius: .4em; }

.table-wrap { overflow-x: auto; background: var(--bg); border: 1px solid var(--soft); border-radius: .5em; margin: 0 0 1em; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: start; font-weight: 700; padding: .6em .8em; }
th, td { text-align: start; padding: .5em .8em; border-top: 1px solid var(--soft); vertical-align: top; }
th { background: var(--panel); font-weight: 600; white-space: nowrap; }
td.sel, th.sel { width: 2.5em; }
.badge { display: inline-block; padding: 0 .55em; border-radius: 999px; font-size: .85em; border: 1px solid currentColor; white-space: nowrap; }
.badge-ok { color: var(--ok); } .badge-warn { color: var(--warn); } .badge-bad { color: var(--bad); } .badge-info { color: var(--link); } .badge-neutral { color: var(--muted); }

.dialog { border: 0; border-radius: .6em; padding: 1.2em 1.4em; width: min(40em, calc(100vw - 1.5em)); max-height: calc(100vh - 2em); box-shadow: 0 10px 40px rgba(0,0,0,.3); }
.dialog::backdrop { background: rgba(0,0,0,.45); }
.dialog h2 { margin-top: 0; }
.toasts { position: fixed; right: 1em; bottom: 1em; display: flex; flex-direction: column; gap: .5em; z-index: 50; max-width: calc(100vw - 2em); }
.toast { background: var(--fg); color: #fff; padding: .6em 1em; border-radius: .4em; box-shadow: 0 4px 12px rgba(0,0,0,.25); }
.toast-error { background: var(--bad); }
.cards { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(12em, 1fr)); gap: .6em; }
.cards li { background: var(--bg); border: 1px solid var(--soft); border-radius: .5em; padding: .8em 1em; }

.login { display: grid; place-items: center; min-height: 100vh; padding: 1em; background: linear-gradient(180deg, var(--accent) 0 35%, var(--page) 35%); }
.login-card { background: var(--bg); border-radius: .6em; padding: 1.5em 1.6em; width: min(24em, 100%); box-shadow: 0 8px 30px rgba(0,0,0,.15); }
.login-card .brand { color: var(--accent); margin-bottom: 1em; }
.login-card .emblem { background: var(--accent); color: #fff; }
.login-card .primary { width: 100%; }

a.button-link { display: inline-flex; align-items: center; text-decoration: none; }
a.primary.button-link { color: #fff; }
.crumbs { margin: 0 0 .3em; color: var(--muted); font-size: .9em; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(14em, 1fr)); gap: 0 1em; }
.rich-toolbar { display: flex; flex-wrap: wrap; gap: .3em; }
.rich-toolbar button { min-height: 36px; padding: .1em .6em; }
.rich { border: 1px solid var(--line); border-radius: .4em; padding: .5em .7em; min-height: 8em; background: var(--bg); }
.rich[contenteditable=false] { background: var(--panel); }
.label { font-weight: 600; }
fieldset.field { border: 1px solid var(--soft); border-radius: .4em; padding: .5em .8em; }
fieldset legend { font-weight: 600; padding: 0 .3em; }
.chosen, .picker { list-style: none; padding: 0; margin: .3em 0; }
.chosen li, .picker li { padding: .2em 0; }
.notice.ok { background: #e6f4ea; border-left-color: var(--ok); }
.diff-row h4 { margin: .6em 0 .2em; }
.diff { white-space: pre-wrap; background: var(--panel); padding: .5em .7em; border-radius: .3em; margin: 0; }
del { background: #ffebe9; color: #82071e; text-decoration: line-through; }
ins { background: #dafbe1; color: #044f1e; text-decoration: underline; }
em { font-style: normal; color: var(--accent); font-weight: 600; }
blockquote { margin: .5em 0; padding: .3em 1em; border-left: 4px solid var(--soft); background: var(--bg); }
.phrasings { margin: .2em 0; padding-left: 1.2em; }
.workflow p { margin: .3em 0; }

@media (max-width: 720px) {
  .menu-toggle { display: inline-block; }
  .who { margin-left: 0; width: 100%; }
  .who-roles { display: none; }
  .layout { display: block; }
  .nav { display: none; position: static; border-right: 0; border-bottom: 1px solid var(--soft); }
  .nav.open { display: block; }
  main { padding: 1em .75em 3em; }
  /* Tables become cards: each cell labelled by its column title. */
  .table-wrap table, .table-wrap caption, .table-wrap tbody, .table-wrap tr, .table-wrap td { display: block; width: 100%; }
  .table-wrap td:empty { display: none; }
  .table-wrap thead tr { display: flex; }
  .table-wrap thead th:not(.sel) { display: none; }
  .table-wrap tr { border-top: 1px solid var(--soft); padding: .4em 0; }
  .table-wrap td { border: 0; padding: .2em .8em; }
  .table-wrap td[data-label]::before { content: attr(data-label) "："; color: var(--muted); font-size: .875em; }
  .table-wrap td.sel { width: auto; }
}
@media (prefers-reduced-motion: reduce) { * { transition: none !important; animation: none !important; } }
`;

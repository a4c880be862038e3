// <script src="https://zhiwen.example/widget/zhiwen.js" async></script> then
// <zhiwen-search site="9901000001" scope="region"></zhiwen-search> anywhere on the page.
import { defineZhiwenSearch } from './element';

const SCRIPT_PATH = /\/widget\/zhiwen\.js(?:[?#].*)?$/;

/**
 * The API's base URL when the element has no api attribute: where this script came from
 * (https://zhiwen.example/widget/zhiwen.js → https://zhiwen.example/), else the page's origin.
 * currentScript is only set while the script first runs, so it is read here, at load.
 */
function scriptBase(): string {
  const current = document.currentScript;
  const src = current instanceof HTMLScriptElement && current.src
    ? current.src
    : Array.from(document.scripts).map((s) => s.src).find((s) => SCRIPT_PATH.test(s));
  if (!src) return `${location.origin}/`;
  return new URL('../', src.replace(/[?#].*$/, '')).href;
}

if (typeof window !== 'undefined' && 'customElements' in window) defineZhiwenSearch(scriptBase());

// A fake "government site" for the browser tests: another origin (its own port) that embeds the
// widget with one script tag, under a strict CSP of the kind government sites use, with page CSS
// that would leak into a careless widget (and that the widget must not change).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostPage {
  /** http://127.0.0.1:PORT */
  origin: string;
  /** The page with the widget: /embed.html (?lang=zh-TW for another html lang than zh-CN); the same page without it: /plain.html. */
  close(): Promise<void>;
}

/** Styles a page might have: big selectors on body, em, li, button, input. */
export const HOST_CSS = `
body { font: 11px/1 serif; color: rgb(0, 128, 0); background: rgb(250, 250, 240); margin: 8px; }
em { color: rgb(0, 128, 0); font-style: italic; }
li { list-style: square; margin-left: 40px; }
button { background: rgb(255, 0, 255); font-size: 9px; }
input { border: 5px dotted rgb(255, 0, 0); }
#host-text { letter-spacing: 1px; }
`;

const body = (widget: string, lang = 'zh-CN') => `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>示例市人民政府（测试页）</title><link rel="stylesheet" href="/host.css">${widget ? '\n' + widget.split('\n')[0] : ''}
</head><body>
<header><p id="host-text">示例市人民政府门户网站 <em id="host-em">测试</em></p><button id="host-button" type="button">首页</button></header>
<ul id="host-list"><li>政务公开</li><li>政务服务</li></ul>
${widget ? widget.split('\n')[1] : ''}
</body></html>`;

/** Serves the host page on 127.0.0.1 (port 0), embedding the widget from apiOrigin with one tag. */
export async function startHostPage(
  apiOrigin: string, options: { attributes?: string | (() => string); connectTo?: string[]; host?: string } = {},
): Promise<HostPage> {
  // A function is read per request: a test can add the site key it makes once the page's origin is known.
  const attributes = () => (typeof options.attributes === 'function' ? options.attributes() : options.attributes) ?? 'site="9901000001" scope="region"';
  const embed = () => `<script src="${apiOrigin}/widget/zhiwen.js" async></script>\n<zhiwen-search ${attributes()}></zhiwen-search>`;
  const csp = [
    "default-src 'self'",
    `script-src 'self' ${apiOrigin}`,
    `connect-src 'self' ${[apiOrigin, ...(options.connectTo ?? [])].join(' ')}`,
    "style-src 'self'", // no 'unsafe-inline': the widget's styles must still apply
    "img-src 'self' data:",
  ].join('; ');
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://host');
    const lang = /^[A-Za-z-]{1,20}$/.test(url.searchParams.get('lang') ?? '') ? url.searchParams.get('lang')! : undefined;
    const page = url.pathname === '/embed.html' ? body(embed(), lang) : url.pathname === '/plain.html' ? body('', lang) : null;
    if (page) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp });
      res.end(page);
    } else if (url.pathname === '/host.css') {
      res.writeHead(200, { 'content-type': 'text/css; charset=utf-8' });
      res.end(HOST_CSS);
    } else {
      res.writeHead(204);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    // options.host: the name the browser uses for it (localhost is another origin than 127.0.0.1).
    origin: `http://${options.host ?? '127.0.0.1'}:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}

/**
 * Saved pages built from scratch for the tests, in the shapes real government sites serve them:
 * a policy page with the 信息公开 table and heavy chrome (navigation, share bar, related links,
 * footer), encoded in GBK, Big5 or UTF-8 with iconv-lite, optionally in the CleanEval wrapper.
 */
import iconv from 'iconv-lite';

export interface PageSpec {
  title: string;
  siteName: string;
  paragraphs: string[];
  /** Information-table rows (label → value), e.g. 发文字号 → 某政办发〔2020〕12号. */
  table?: Record<string, string>;
  canonical?: string;
  charset?: 'gbk' | 'big5' | 'utf-8';
  /** Wrap in `<text id=URL title=… encoding=…>` as the CleanEval distribution does. */
  cleanEvalUrl?: string;
}

const NAV = ['首页', '政务动态', '政务公开', '政务服务', '互动交流', '走进本市', '专题专栏', '数据开放'];
const RELATED = ['市政府召开常务会议研究部署近期工作', '我市开展安全生产大检查', '关于公布2020年第一批行政许可事项的公告', '市领导调研重点项目建设'];

/** The page's HTML as text (before encoding). */
export function pageHtml(spec: PageSpec): string {
  const charset = spec.charset ?? 'utf-8';
  const rows = Object.entries(spec.table ?? {})
    .map(([k, v]) => `<tr><td>${k}：</td><td>${v}</td></tr>`)
    .join('\n');
  const html = `<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=${charset}">
<title>${spec.title}_${spec.siteName}</title>
${spec.canonical ? `<link rel="canonical" href="${spec.canonical}">` : ''}
<script>var siteId = "1"; document.write("<div>统计代码</div>");</script>
<style>.nav li { float: left; }</style>
</head><body>
<div class="topbar"><a href="/wza">无障碍</a> | <a href="/zzms">长者模式</a> | <a href="/login">登录</a> | <a href="/en">English</a></div>
<ul class="nav">${NAV.map((n) => `<li><a href="/${n}">${n}</a></li>`).join('')}</ul>
<form class="search"><input name="q" placeholder="请输入关键词"><button>搜索</button></form>
<div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; <a href="/zcwj">政策文件</a></div>
${rows ? `<div class="xxgk-table"><table>${rows}</table></div>` : ''}
<div class="article">
<h1>${spec.title}</h1>
<div class="info">发布时间：2020-03-02 09:30 来源：${spec.siteName} 字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
<div class="TRS_Editor">
${spec.paragraphs.map((p) => `<p>\u3000\u3000${p}</p>`).join('\n')}
</div>
<div class="print"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
<div class="prevnext">上一篇：<a href="/a">关于做好春季农业生产工作的通知</a><br>下一篇：<a href="/b">关于加强森林防火工作的通知</a></div>
</div>
<div class="related"><h3>相关链接</h3><ul>${RELATED.map((r) => `<li><a href="/r">${r}</a></li>`).join('')}</ul></div>
<div class="footer">
<p>主办单位：${spec.siteName}办公室\u3000承办单位：市大数据中心</p>
<p>版权所有 © 2020 ${spec.siteName}\u3000网站标识码：1100000001\u3000备案号：京ICP备05070602号</p>
<p>联系电话：010-12345678\u3000地址：某某市人民路1号</p>
</div>
</body></html>`;
  if (!spec.cleanEvalUrl) return html;
  return `<text id="${spec.cleanEvalUrl}" title="${spec.title}" encoding="${charset}">\n${html}\n</text>`;
}

/** The page's bytes in its charset. */
export function pageBytes(spec: PageSpec): Uint8Array {
  const html = pageHtml(spec);
  return new Uint8Array(iconv.encode(html, spec.charset === 'big5' ? 'big5' : spec.charset === 'gbk' ? 'gbk' : 'utf-8'));
}

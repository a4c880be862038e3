// The try-it page: plain DOM, no build step. Result HTML from the API is already escaped.
const form = document.getElementById('search');
const status = document.getElementById('status');
const list = document.getElementById('results');
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const q = new FormData(form).get('q');
  if (!String(q).trim()) return;
  status.textContent = '正在搜索…';
  const res = await fetch(`/v1/search?q=${encodeURIComponent(q)}&limit=10`);
  const body = await res.json();
  if (!res.ok) { status.textContent = body.error?.message ?? '搜索出错'; list.innerHTML = ''; return; }
  status.textContent = `找到 ${body.total} 条结果（${body.tookMs} 毫秒）`;
  list.innerHTML = body.results.map((r) => `
    <li>
      <a href="${esc(r.url ?? '#')}">${r.titleHtml}</a>${r.current ? '' : '<span class="label">已失效</span>'}
      <div class="meta">${esc(r.site.name)} · ${esc(r.infoType)}${r.docNumber ? ' · ' + esc(r.docNumber) : ''}${r.publishedAt ? ' · ' + esc(r.publishedAt.slice(0, 10)) : ''}</div>
      <p>${r.snippet}</p>
    </li>`).join('');
});

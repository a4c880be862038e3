import { saveFile } from '../api';
import { STATUS_NAMES, type Duplicate, type FaqStatus } from '../kb/types';
import { can } from '../session';
import { confirmDialog } from '../ui/dialog';
import { h, replace } from '../ui/dom';
import { errorBox, field } from '../ui/form';
import { badge, dataTable } from '../ui/table';
import { toast } from '../ui/toast';
import type { ConsolePage } from './types';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Preview {
  create: number;
  skip: number;
  rows: Array<{ row: number; question: string | null; action: 'create' | 'skip'; reason: string | null; duplicates: Duplicate[] }>;
}

/** The library's skip reasons in the editor's words (anything else is shown as the API gave it). */
function reasonText(reason: string): string {
  const same = /^same question as entry (\d+)$/.exec(reason);
  if (same) return `与已有问答 #${same[1]} 的标准问相同`;
  if (reason === 'same question as an earlier row') return '与文件中前面的行重复';
  return reason;
}

/** 导入导出: export CSV/XLSX; import with a preview of every row (new draft or skipped, and why) before anything is written. */
export const faqTransferPage: ConsolePage = {
  id: 'faq-transfer',
  title: '导入导出',
  path: '/faq-transfer',
  group: '知识库',
  allowed: (me) => can(me, 'editorial.read'),
  render(root, { api, me }) {
    const format = field({ label: '格式', name: 'format', type: 'select', options: [['csv', 'CSV（Excel 可直接打开）'], ['xlsx', 'Excel 工作簿（XLSX）']] });
    const status = field({ label: '状态', name: 'status', type: 'select', options: [['', '全部'], ...(Object.keys(STATUS_NAMES) as FaqStatus[]).map((s): [string, string] => [s, STATUS_NAMES[s]])] });
    const exportButton = h('button', { type: 'button', class: 'primary' }, '导出');
    exportButton.addEventListener('click', () => {
      void api.download('/v1/faqs/export', { format: format.control.value, status: status.control.value }).then((f) => saveFile(f.blob, f.filename), (err: Error) => toast(err.message, 'error'));
    });
    root.append(h('h1', {}, '导入导出'),
      h('section', { class: 'panel', 'aria-labelledby': 'export-title' }, h('h2', { id: 'export-title' }, '导出问答'), h('div', { class: 'toolbar' }, format, status, exportButton)));
    if (!can(me, 'editorial.write')) return;

    const file = field({ label: '选择文件（CSV 或 XLSX）', name: 'file', hint: '列名可用中文（标准问、相似问、答案、范围、网站标识码…）或英文；导入的问答均为草稿，须审核后发布。' });
    const input = h('input', { type: 'file', id: file.control.id, name: 'file', accept: '.csv,.xlsx,text/csv,' + XLSX, 'aria-describedby': file.control.getAttribute('aria-describedby') ?? undefined });
    file.control.replaceWith(input);
    const out = h('div', { 'aria-live': 'polite' });
    const previewButton = h('button', { type: 'button', class: 'primary' }, '预览');
    const typeOf = (f: File) => (/\.xlsx$/i.test(f.name) ? XLSX : 'text/csv');
    previewButton.addEventListener('click', () => {
      const f = input.files?.[0];
      if (!f) { replace(out, errorBox('请先选择一个 CSV 或 XLSX 文件')); input.focus(); return; }
      void (async () => {
        try {
          const preview = await api.upload<Preview>('/v1/faqs/import/preview', f, typeOf(f));
          const go = h('button', { type: 'button', class: 'primary', disabled: !preview.create }, `导入 ${preview.create} 条为草稿`);
          go.addEventListener('click', () => {
            void (async () => {
              if (!(await confirmDialog('确认导入', `将新建 ${preview.create} 条草稿，跳过 ${preview.skip} 行。`, '导入'))) return;
              try {
                const report = await api.upload<{ created: number; skipped: Array<{ row: number; reason: string }> }>('/v1/faqs/import', f, typeOf(f));
                replace(out, h('p', { class: 'notice', role: 'status' }, `已导入 ${report.created} 条草稿，跳过 ${report.skipped.length} 行。`), h('a', { href: '#/faqs?status=draft' }, '查看草稿'));
              } catch (err) {
                replace(out, errorBox((err as Error).message));
              }
            })();
          });
          replace(out,
            h('p', { role: 'status' }, `预览：将新建 ${preview.create} 条草稿，跳过 ${preview.skip} 行。尚未写入任何内容。`),
            dataTable({
              caption: '逐行预览', rows: preview.rows,
              columns: [
                { title: '行', cell: (r) => String(r.row) },
                { title: '标准问', cell: (r) => r.question ?? '（无法读取）' },
                { title: '结果', cell: (r) => (r.action === 'create' ? badge('新建草稿', 'ok') : badge('跳过', 'bad')) },
                { title: '说明', cell: (r) => (r.reason ? reasonText(r.reason) : null) ?? (r.duplicates.length ? `相近：${r.duplicates.map((d) => `#${d.id} ${d.question}`).join('；')}` : '') },
              ],
            }),
            h('div', { class: 'actions' }, go));
        } catch (err) {
          replace(out, errorBox((err as Error).message));
        }
      })();
    });
    root.append(h('section', { class: 'panel', 'aria-labelledby': 'import-title' }, h('h2', { id: 'import-title' }, '导入问答'), file, h('div', { class: 'actions' }, previewButton), out));
  },
};

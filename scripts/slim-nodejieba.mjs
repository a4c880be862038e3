/**
 * Postinstall: rebuilds nodejieba so that load() builds jieba's dictionary once, not twice.
 *
 * nodejieba's load() constructs the segmenter and, beside it, a TextRankExtractor that reads the same
 * dictionary into a second trie of its own (~110 MiB resident in every process that segments text).
 * Zhiwen never calls textRankExtract, so the rebuilt addon makes that extractor lazy: it is built on
 * the first textRankExtract call, with the paths load() was given. nodejieba's API and results stay
 * the same.
 *
 * Never breaks an install: the build runs in a copy, the installed binary is replaced only after the
 * copy built, loads and segments exactly as the stock binary does; on any failure the stock nodejieba
 * stays (more memory, same results) and this prints why. `node scripts/slim-nodejieba.mjs --check`
 * exits 1 unless the slim binary is the one installed.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const modules = path.join(repoRoot, 'node_modules');
const stockDir = path.join(modules, 'nodejieba');
const buildDir = path.join(modules, '.zhiwen-nodejieba-build');
const binaryName = path.join('build', 'Release', 'nodejieba.node');
const stampPath = path.join(stockDir, 'build', 'Release', 'zhiwen-slim.json');

/** Exact source fragments the patch replaces; a nodejieba release that changes them is left stock. */
const EAGER_TEXT_RANK = `  delete _text_rank_extractor_handle;
  _text_rank_extractor_handle = new cppjieba
		      ::TextRankExtractor(dictPath,
                                  modelPath,
                                  stopWordsPath,
                                  userDictPath);`;
const LAZY_TEXT_RANK = `  // zhiwen: built on first use (textRankExtract), not here: it holds a second dictionary trie.
  delete _text_rank_extractor_handle;
  _text_rank_extractor_handle = nullptr;
  _text_rank_paths[0] = dictPath;
  _text_rank_paths[1] = modelPath;
  _text_rank_paths[2] = stopWordsPath;
  _text_rank_paths[3] = userDictPath;`;
const TEXT_RANK_GUARD = `  if( !_text_rank_extractor_handle ){
    Napi::Error::New(info.Env(), "Before calling any other function you have to call load() first").ThrowAsJavaScriptException();
  }`;
const LAZY_TEXT_RANK_GUARD = `  if( !_jieba_handle ){
    Napi::Error::New(info.Env(), "Before calling any other function you have to call load() first").ThrowAsJavaScriptException();
    return info.Env().Undefined();
  }
  if( !_text_rank_extractor_handle ){
    _text_rank_extractor_handle = new cppjieba::TextRankExtractor(
        _text_rank_paths[0], _text_rank_paths[1], _text_rank_paths[2], _text_rank_paths[3]);
  }`;
const HANDLE_MEMBER = `  cppjieba::TextRankExtractor* _text_rank_extractor_handle{nullptr};`;
const HANDLE_MEMBER_WITH_PATHS = `${HANDLE_MEMBER}
  std::string _text_rank_paths[4];`;

function stockVersion() {
  return JSON.parse(readFileSync(path.join(stockDir, 'package.json'), 'utf8')).version;
}

function replaceOnce(file, from, to) {
  const text = readFileSync(file, 'utf8');
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) {
    throw new Error(`${path.relative(modules, file)} does not contain the expected code once; this nodejieba release needs the patch revisited`);
  }
  writeFileSync(file, text.slice(0, at) + to + text.slice(at + from.length));
}

/** node-gyp as npm runs it for install scripts (npm passes its path), else npm's bundled copy. */
function nodeGypCommand() {
  const fromNpm = process.env.npm_config_node_gyp;
  if (fromNpm && existsSync(fromNpm)) return fromNpm;
  const bundled = path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  if (existsSync(bundled)) return bundled;
  throw new Error('node-gyp not found (run this through npm, which provides it)');
}

/** Segments a fixed sentence with the addon at `dir` in a fresh process; returns its output. */
function segmentWith(dir) {
  const probe = `
    const j = require(${JSON.stringify(dir)});
    j.load();
    const words = j.cutForSearch('国办发〔2017〕47号关于社会保障卡办理流程的通知', true);
    const keywords = j.textRankExtract('社会保障卡办理需要身份证和户口本，办理地点在社保服务大厅', 3);
    if (!Array.isArray(keywords) || keywords.length === 0) throw new Error('textRankExtract returned nothing');
    process.stdout.write(words.join('|'));`;
  const run = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`the addon at ${dir} does not load: ${run.stderr.trim().split('\n').at(-1)}`);
  return run.stdout;
}

function isSlimInstalled() {
  if (!existsSync(stampPath)) return false;
  const stamp = JSON.parse(readFileSync(stampPath, 'utf8'));
  return stamp.version === stockVersion() && stamp.bytes === statSync(path.join(stockDir, binaryName)).size;
}

function build() {
  rmSync(buildDir, { recursive: true, force: true });
  // The copy sits inside node_modules so that binding.gyp finds node-addon-api as the stock build does.
  cpSync(stockDir, buildDir, { recursive: true, filter: (source) => !source.startsWith(path.join(stockDir, 'build')) });
  replaceOnce(path.join(buildDir, 'lib', 'nodejieba.cpp'), EAGER_TEXT_RANK, LAZY_TEXT_RANK);
  replaceOnce(path.join(buildDir, 'lib', 'nodejieba.cpp'), TEXT_RANK_GUARD, LAZY_TEXT_RANK_GUARD);
  replaceOnce(path.join(buildDir, 'lib', 'nodejieba.h'), HANDLE_MEMBER, HANDLE_MEMBER_WITH_PATHS);
  const gyp = spawnSync(process.execPath, [nodeGypCommand(), 'rebuild'], { cwd: buildDir, encoding: 'utf8' });
  if (gyp.status !== 0) {
    throw new Error(`node-gyp failed: ${(gyp.stderr || gyp.stdout).trim().split('\n').slice(-3).join(' / ')}`);
  }
  const stock = segmentWith(stockDir);
  const slim = segmentWith(buildDir);
  if (slim !== stock) throw new Error(`the rebuilt addon segments differently (${slim} vs ${stock})`);
  const target = path.join(stockDir, binaryName);
  const staged = `${target}.slim`;
  copyFileSync(path.join(buildDir, binaryName), staged);
  renameSync(staged, target);
  writeFileSync(stampPath, JSON.stringify({ version: stockVersion(), bytes: statSync(target).size }) + '\n');
}

if (process.argv.includes('--check')) {
  const slim = existsSync(stockDir) && isSlimInstalled();
  console.log(slim ? 'nodejieba: slim build installed' : 'nodejieba: stock build (the dictionary is held twice)');
  process.exit(slim ? 0 : 1);
}
if (!existsSync(path.join(stockDir, binaryName))) {
  console.warn('slim-nodejieba: nodejieba is not built here; nothing to do');
} else if (isSlimInstalled()) {
  console.log('slim-nodejieba: already installed');
} else {
  try {
    build();
    console.log('slim-nodejieba: rebuilt nodejieba without its second dictionary trie (~110 MiB less per process)');
  } catch (error) {
    console.warn(`slim-nodejieba: kept the stock nodejieba (${error instanceof Error ? error.message : error})`);
  } finally {
    rmSync(buildDir, { recursive: true, force: true });
  }
}

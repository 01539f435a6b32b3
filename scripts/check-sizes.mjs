// The size rules of the style guide, checked: no source file over 400 lines, no React component over
// 200 lines, no other function over 80 lines (tests excluded). Exceptions are listed, with their
// reason, in README's "How it is built"; this script reads them from SIZE_EXCEPTIONS below.
// Usage: node scripts/check-sizes.mjs [--report]   (--report prints the largest of each kind)
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { ROOT } from './build-renderer.mjs';

const LIMITS = { file: 400, component: 200, function: 80 };
/** `path` or `path#name`: each one is named, with its reason, in README's "How it is built". */
const SIZE_EXCEPTIONS = new Set([]);

const FOLDERS = ['electron', 'shared', 'renderer'];

function sourceFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

function functionName(node) {
  if (node.name && ts.isIdentifier(node.name)) return node.name.text;
  if (node.name && ts.isStringLiteral(node.name)) return node.name.text;
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isPropertyAssignment(parent)) return parent.name.getText();
  if (parent && ts.isCallExpression(parent)) {
    const outer = parent.parent;
    if (outer && ts.isVariableDeclaration(outer) && ts.isIdentifier(outer.name)) return outer.name.text; // memo(...), forwardRef(...)
  }
  return '(anonymous)';
}

export function measure() {
  const files = [];
  const functions = [];
  for (const folder of FOLDERS) {
    for (const file of sourceFiles(path.join(ROOT, folder))) {
      const text = fs.readFileSync(file, 'utf8');
      const rel = path.relative(ROOT, file).split(path.sep).join('/');
      const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
      files.push({ rel, lines });
      const source = ts.createSourceFile(
        file,
        text,
        ts.ScriptTarget.Latest,
        true,
        file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
      );
      const visit = (node) => {
        if (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node)) {
          const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
          const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
          const name = functionName(node);
          const component = rel.endsWith('.tsx') && /^[A-Z]/.test(name);
          functions.push({ rel, name, lines: end - start + 1, component });
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
  }
  return { files, functions };
}

const { files, functions } = measure();
const violations = [];
for (const file of files) {
  if (file.lines > LIMITS.file && !SIZE_EXCEPTIONS.has(file.rel))
    violations.push(`${file.rel}: ${file.lines} lines (file limit ${LIMITS.file})`);
}
for (const fn of functions) {
  const limit = fn.component ? LIMITS.component : LIMITS.function;
  if (fn.lines > limit && !SIZE_EXCEPTIONS.has(`${fn.rel}#${fn.name}`)) {
    violations.push(`${fn.rel}#${fn.name}: ${fn.lines} lines (${fn.component ? 'component' : 'function'} limit ${limit})`);
  }
}
if (process.argv.includes('--report')) {
  const top = (list, n) => [...list].sort((a, b) => b.lines - a.lines).slice(0, n);
  console.log('Largest files:');
  for (const f of top(files, 8)) console.log(`  ${f.lines}  ${f.rel}`);
  console.log('Largest components:');
  for (const f of top(
    functions.filter((fn) => fn.component),
    5,
  ))
    console.log(`  ${f.lines}  ${f.rel}#${f.name}`);
  console.log('Largest other functions:');
  for (const f of top(
    functions.filter((fn) => !fn.component),
    5,
  ))
    console.log(`  ${f.lines}  ${f.rel}#${f.name}`);
}
if (violations.length) {
  console.error(
    `Size rules: ${violations.length} over the limit (split them, or list them with a reason in README's "How it is built" and SIZE_EXCEPTIONS):`,
  );
  for (const line of violations) console.error(`  ${line}`);
  process.exit(1);
}
console.log(`Size rules: ${files.length} files, ${functions.length} functions, all within the limits.`);

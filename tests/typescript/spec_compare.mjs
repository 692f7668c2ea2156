#!/usr/bin/env node
// spec_compare.mjs — compare the TypeScript declarations written in the
// ironflow-core spec (```typescript blocks of a Markdown file) with the
// declarations found in a folder of generated .ts files.
//
// Usage:
//   node spec_compare.mjs --spec SPEC.md --generated DIR [--json OUT.json]
//
// Exit codes: 0 = everything matches, 1 = at least one mismatch, 2 = usage error,
// 3 = unexpected internal error.
//
// What is compared (spec -> generated, one direction: extra generated
// declarations or members are reported as information, never as failures):
//   interfaces  : presence, type parameters, `extends`, and every member
//                 (property: optional/readonly/type; method: optional,
//                 type parameters, parameters, return type, overload count)
//   type aliases: presence, type parameters, type
//   classes     : presence, type parameters, heritage, public members,
//                 constructor parameters
//   values      : names imported (as values) from '@ironflow/core' in the spec
//                 must be exported as values by the generated code
//
// Type text is compared after canonical printing (see canonicalTypeText), so
// formatting differences do not count but union member order does.

import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";

// The package whose value imports in the spec define the expected value exports.
const CORE_MODULE = "@ironflow/core";

// Spec declarations that are user example code, not part of the API surface.
const SPEC_IGNORED_NAMES = new Set([
  "OrderId", // "You can create your own branded types: type OrderId = Branded<...>"
]);

const EXIT_OK = 0;
const EXIT_MISMATCH = 1;
const EXIT_USAGE = 2;
const EXIT_INTERNAL = 3; // unexpected crash (e.g. unwritable --json path)

class UsageError extends Error {}

// ---------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------

const USAGE =
  "usage: node spec_compare.mjs --spec SPEC.md --generated DIR [--json OUT.json]";

/** Parse argv into { spec, generated, json }; throws UsageError on bad input. */
export function parseArgs(argv) {
  const options = { spec: null, generated: null, json: null };
  const flags = { "--spec": "spec", "--generated": "generated", "--json": "json" };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "-h" || arg === "--help") throw new UsageError(USAGE);
    // Accept both "--flag value" and "--flag=value".
    const [flag, inline] = arg.includes("=") ? arg.split(/=(.*)/s) : [arg, undefined];
    const key = flags[flag];
    if (!key) throw new UsageError(`unknown argument: ${arg}\n${USAGE}`);
    const value = inline ?? argv[++i];
    if (value === undefined || value === "") throw new UsageError(`missing value for ${flag}\n${USAGE}`);
    options[key] = value;
  }
  if (!options.spec || !options.generated) throw new UsageError(USAGE);
  if (!isFile(options.spec)) throw new UsageError(`spec file not found: ${options.spec}`);
  if (!isDirectory(options.generated)) {
    throw new UsageError(`generated directory not found: ${options.generated}`);
  }
  return options;
}

function isFile(p) {
  return fs.existsSync(p) && fs.statSync(p).isFile();
}

function isDirectory(p) {
  return fs.existsSync(p) && fs.statSync(p).isDirectory();
}

// ---------------------------------------------------------------------------
// Input: Markdown blocks and generated files
// ---------------------------------------------------------------------------

/**
 * Return every ```typescript (or ```ts) fenced block as { code, line }, where
 * `line` is the 1-based Markdown line of the first code line (for messages).
 */
export function extractTypescriptBlocks(markdown) {
  const lines = markdown.split(/\r?\n/);
  const blocks = [];
  let open = null; // { fence, startLine, body }
  lines.forEach((line, index) => {
    if (!open) {
      const m = /^ {0,3}(`{3,}|~{3,})\s*(typescript|ts)\b/.exec(line);
      if (m) open = { fence: m[1], startLine: index + 2, body: [] };
      return;
    }
    // A closing fence uses the same character and is at least as long.
    const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
    if (close && close[1][0] === open.fence[0] && close[1].length >= open.fence.length) {
      blocks.push({ code: open.body.join("\n"), line: open.startLine });
      open = null;
      return;
    }
    open.body.push(line);
  });
  return blocks;
}

/** All .ts files under dir (recursively), sorted for stable output. */
export function listTypeScriptFiles(dir) {
  const files = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    // Dependencies and hidden folders (.git, caches) are not generated code.
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listTypeScriptFiles(full));
    else if (entry.isFile() && entry.name.endsWith(".ts")) files.push(full);
  }
  return files.sort();
}

function parseSource(fileName, code) {
  // setParentNodes=true so getStart()/getText() work on every node.
  return ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

// ---------------------------------------------------------------------------
// Canonical type text
// ---------------------------------------------------------------------------

const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });

/**
 * Rewrites a type subtree into a canonical shape before printing:
 *  - `Array<X>` -> `X[]`, `ReadonlyArray<X>` -> `readonly X[]`;
 *  - all parentheses are dropped; the factory's parenthesizer re-adds exactly
 *    the ones the grammar needs when parents are rebuilt, so redundant
 *    parentheses vanish and required ones come back;
 *  - string literals are re-created so they print with double quotes;
 *  - numeric literals are re-created from their value text (drops `1_000`).
 * Union/intersection member order is left untouched on purpose.
 */
function canonicalTypeTransformer(context) {
  const f = context.factory;
  const visit = (node) => {
    if (ts.isParenthesizedTypeNode(node)) return visit(node.type);
    if (isSingleArgReference(node, "Array")) {
      return f.createArrayTypeNode(visit(node.typeArguments[0]));
    }
    if (isSingleArgReference(node, "ReadonlyArray")) {
      return f.createTypeOperatorNode(
        ts.SyntaxKind.ReadonlyKeyword,
        f.createArrayTypeNode(visit(node.typeArguments[0])),
      );
    }
    if (ts.isStringLiteral(node)) return f.createStringLiteral(node.text);
    if (ts.isNumericLiteral(node)) return f.createNumericLiteral(node.text);
    return ts.visitEachChild(node, visit, context);
  };
  return visit;
}

function isSingleArgReference(node, name) {
  return (
    ts.isTypeReferenceNode(node) &&
    ts.isIdentifier(node.typeName) &&
    node.typeName.text === name &&
    node.typeArguments?.length === 1
  );
}

/**
 * Canonical one-line text of a type (or heritage) node; null when absent.
 * The printer always ends type-literal members with `;` and chooses its own
 * spacing, and collapsing whitespace makes multi-line literals one line.
 */
export function canonicalTypeText(node, sourceFile) {
  if (!node) return null;
  const result = ts.transform(node, [canonicalTypeTransformer]);
  try {
    const text = printer.printNode(ts.EmitHint.Unspecified, result.transformed[0], sourceFile);
    return text.replace(/\s+/g, " ").trim();
  } finally {
    result.dispose();
  }
}

// ---------------------------------------------------------------------------
// Describing declarations (shared by spec and generated sides)
// ---------------------------------------------------------------------------

function modifiersOf(node) {
  return (ts.canHaveModifiers(node) && ts.getModifiers(node)) || [];
}

function hasModifier(node, kind) {
  return modifiersOf(node).some((m) => m.kind === kind);
}

/** Text of a property/method name: `foo`, `'foo'` and `"foo"` all give `foo`. */
function memberNameText(name, sourceFile) {
  if (!name) return null;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name)) {
    return `[${canonicalTypeText(name.expression, sourceFile)}]`;
  }
  return name.getText(sourceFile);
}

function describeTypeParameters(typeParameters, sourceFile) {
  return (typeParameters ?? []).map((tp) => ({
    name: tp.name.text,
    constraint: canonicalTypeText(tp.constraint, sourceFile),
    default: canonicalTypeText(tp.default, sourceFile),
  }));
}

function describeParameters(parameters, sourceFile) {
  return parameters.map((p) => ({
    name: ts.isIdentifier(p.name) ? p.name.text : canonicalTypeText(p.name, sourceFile),
    optional: Boolean(p.questionToken || p.initializer),
    rest: Boolean(p.dotDotDotToken),
    type: canonicalTypeText(p.type, sourceFile),
  }));
}

/** Signature parts of a method/call/construct signature or a constructor. */
function describeSignature(node, sourceFile) {
  return {
    typeParameters: describeTypeParameters(node.typeParameters, sourceFile),
    parameters: describeParameters(node.parameters, sourceFile),
    returnType: canonicalTypeText(node.type, sourceFile),
  };
}

/** `extends`/`implements` clauses as canonical text, e.g. ["extends Subscription"]. */
function describeHeritage(node, sourceFile) {
  return (node.heritageClauses ?? []).flatMap((clause) => {
    const keyword = clause.token === ts.SyntaxKind.ExtendsKeyword ? "extends" : "implements";
    return clause.types.map((t) => `${keyword} ${canonicalTypeText(t, sourceFile)}`);
  });
}

/**
 * One interface or class member, or null for members that are not part of
 * the public shape (private/protected, #private, class static blocks...).
 */
function describeMember(member, sourceFile, locate) {
  if (hasModifier(member, ts.SyntaxKind.PrivateKeyword)) return null;
  if (hasModifier(member, ts.SyntaxKind.ProtectedKeyword)) return null;
  if (member.name && ts.isPrivateIdentifier(member.name)) return null;

  const isStatic = hasModifier(member, ts.SyntaxKind.StaticKeyword);
  const base = {
    location: locate(member.getStart(sourceFile)),
    optional: Boolean(member.questionToken),
    readonly: hasModifier(member, ts.SyntaxKind.ReadonlyKeyword),
    static: isStatic,
  };
  const prefix = isStatic ? "static " : "";

  if (ts.isPropertySignature(member) || ts.isPropertyDeclaration(member)) {
    const name = memberNameText(member.name, sourceFile);
    return { ...base, name: prefix + name, kind: "property", type: canonicalTypeText(member.type, sourceFile) };
  }
  if (ts.isMethodSignature(member) || ts.isMethodDeclaration(member)) {
    const name = memberNameText(member.name, sourceFile);
    return { ...base, name: prefix + name, kind: "method", ...describeSignature(member, sourceFile) };
  }
  if (ts.isCallSignatureDeclaration(member)) {
    return { ...base, name: "(call)", kind: "call", ...describeSignature(member, sourceFile) };
  }
  if (ts.isConstructSignatureDeclaration(member)) {
    return { ...base, name: "new()", kind: "construct", ...describeSignature(member, sourceFile) };
  }
  if (ts.isIndexSignatureDeclaration(member)) {
    const key = describeParameters(member.parameters, sourceFile)[0];
    return { ...base, name: `[${key?.type}]`, kind: "index", type: canonicalTypeText(member.type, sourceFile) };
  }
  if (ts.isGetAccessor(member) || ts.isSetAccessor(member)) {
    // Accessors are properties from the outside; the getter carries the type.
    const name = prefix + memberNameText(member.name, sourceFile);
    const type = ts.isGetAccessor(member) ? member.type : member.parameters[0]?.type;
    return { ...base, name, kind: "property", type: canonicalTypeText(type, sourceFile) };
  }
  return null; // constructors are handled separately; static blocks etc. are not API
}

/**
 * Members keyed by `name#index`: overloads of one method get #0, #1, ... in
 * source order, every other member is `name#0`. Keying by name rather than
 * by kind lets a property-vs-method difference show up as a kind mismatch.
 */
function keyMembers(members) {
  const keyed = new Map();
  const seen = new Map();
  for (const member of members) {
    const index = seen.get(member.name) ?? 0;
    seen.set(member.name, index + 1);
    keyed.set(`${member.name}#${index}`, { ...member, index });
  }
  return keyed;
}

/** Constructor parameters declared as `constructor(readonly x: T)` are members too. */
function parameterPropertyMembers(ctor, sourceFile, locate) {
  return ctor.parameters
    .filter((p) => ts.isParameterPropertyDeclaration(p, ctor))
    .filter((p) => !hasModifier(p, ts.SyntaxKind.PrivateKeyword) && !hasModifier(p, ts.SyntaxKind.ProtectedKeyword))
    .map((p) => ({
      location: locate(p.getStart(sourceFile)),
      name: memberNameText(p.name, sourceFile),
      kind: "property",
      optional: Boolean(p.questionToken),
      readonly: hasModifier(p, ts.SyntaxKind.ReadonlyKeyword),
      static: false,
      type: canonicalTypeText(p.type, sourceFile),
    }));
}

function describeInterface(node, sourceFile, locate) {
  const members = node.members.map((m) => describeMember(m, sourceFile, locate)).filter(Boolean);
  return {
    name: node.name.text,
    typeParameters: describeTypeParameters(node.typeParameters, sourceFile),
    heritage: describeHeritage(node, sourceFile),
    members: keyMembers(members),
    location: locate(node.getStart(sourceFile)),
  };
}

function describeAlias(node, sourceFile, locate) {
  return {
    name: node.name.text,
    typeParameters: describeTypeParameters(node.typeParameters, sourceFile),
    type: canonicalTypeText(node.type, sourceFile),
    location: locate(node.getStart(sourceFile)),
  };
}

/**
 * Class members minus the implementation signature of overloaded methods:
 * like a constructor's, it is not visible to callers, so it must not count
 * as an extra overload.
 */
function callableClassMembers(node) {
  const declaredOnly = new Set(
    node.members.filter((m) => ts.isMethodDeclaration(m) && !m.body).map((m) => m.name.getText()),
  );
  return node.members.filter((m) => !(ts.isMethodDeclaration(m) && m.body && declaredOnly.has(m.name.getText())));
}

function describeClass(node, sourceFile, locate) {
  const constructors = node.members.filter(ts.isConstructorDeclaration);
  // With overloads, the implementation signature is not visible to callers.
  const visibleCtors = constructors.length > 1 ? constructors.filter((c) => !c.body) : constructors;
  const members = [
    ...constructors.flatMap((c) => parameterPropertyMembers(c, sourceFile, locate)),
    ...callableClassMembers(node)
      .map((m) => describeMember(m, sourceFile, locate))
      .filter(Boolean),
  ];
  return {
    name: node.name.text,
    typeParameters: describeTypeParameters(node.typeParameters, sourceFile),
    heritage: describeHeritage(node, sourceFile),
    members: keyMembers(members),
    constructors: visibleCtors.map((c) => describeParameters(c.parameters, sourceFile)),
    location: locate(node.getStart(sourceFile)),
  };
}

// ---------------------------------------------------------------------------
// Collecting declarations
// ---------------------------------------------------------------------------

function emptyCollection() {
  return { interfaces: new Map(), aliases: new Map(), classes: new Map(), values: new Map(), duplicates: [] };
}

/** Keep the first declaration of a name; remember later ones for the report. */
function addOnce(map, decl, duplicates, category) {
  if (map.has(decl.name)) {
    duplicates.push({ category, name: decl.name, first: map.get(decl.name).location, again: decl.location });
    return;
  }
  map.set(decl.name, decl);
}

/** Type declarations at the top level of one source file (exported or not). */
function typeDeclarationsOf(sourceFile, locate) {
  const found = [];
  for (const statement of sourceFile.statements) {
    if (ts.isInterfaceDeclaration(statement)) {
      found.push({ category: "interfaces", node: statement, describe: () => describeInterface(statement, sourceFile, locate) });
    } else if (ts.isTypeAliasDeclaration(statement)) {
      found.push({ category: "aliases", node: statement, describe: () => describeAlias(statement, sourceFile, locate) });
    } else if (ts.isClassDeclaration(statement) && statement.name) {
      found.push({ category: "classes", node: statement, describe: () => describeClass(statement, sourceFile, locate) });
    }
  }
  return found;
}

/**
 * Spec side: every interface/alias/class in every block (the spec shows them
 * without `export`), plus value names imported from '@ironflow/core'.
 * Blocks are fragments; the parser recovers from errors, so whatever parses
 * as a declaration is kept and the rest is ignored.
 */
export function collectSpec(markdown, specPath) {
  const collection = emptyCollection();
  const blocks = extractTypescriptBlocks(markdown);
  let blocksWithParseErrors = 0;
  blocks.forEach((block, i) => {
    const sourceFile = parseSource(`spec-block-${i + 1}.ts`, block.code);
    // parseDiagnostics is not in the public typings but is stable; only used for the summary.
    if (sourceFile.parseDiagnostics?.length) blocksWithParseErrors++;
    const locate = (pos) => `${specPath}:${block.line + sourceFile.getLineAndCharacterOfPosition(pos).line}`;
    for (const decl of typeDeclarationsOf(sourceFile, locate)) {
      if (SPEC_IGNORED_NAMES.has(decl.node.name.text)) continue;
      addOnce(collection[decl.category], decl.describe(), collection.duplicates, decl.category);
    }
    for (const { name, pos } of coreValueImports(sourceFile)) {
      if (!collection.values.has(name)) collection.values.set(name, { name, location: locate(pos) });
    }
  });
  return { ...collection, blockCount: blocks.length, blocksWithParseErrors };
}

/** Names imported as values from '@ironflow/core' (skips `import type` and `type X`). */
function coreValueImports(sourceFile) {
  const names = [];
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement)) continue;
    if (!ts.isStringLiteral(statement.moduleSpecifier) || statement.moduleSpecifier.text !== CORE_MODULE) continue;
    const clause = statement.importClause;
    if (!clause || clause.isTypeOnly) continue;
    if (clause.name) names.push({ name: clause.name.text, pos: clause.name.getStart(sourceFile) });
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) {
      for (const element of bindings.elements) {
        if (element.isTypeOnly) continue;
        // `import { a as b }`: the package exports `a`.
        const imported = element.propertyName ?? element.name;
        names.push({ name: imported.text, pos: element.getStart(sourceFile) });
      }
    }
  }
  return names;
}

/**
 * Generated side: exported interfaces/aliases/classes and exported value
 * names of every .ts file under dir.
 */
export function collectGenerated(dir) {
  const collection = emptyCollection();
  const files = listTypeScriptFiles(dir);
  const reexportedNames = []; // `export { x } from "./y"`: kind unknown until all files are read
  for (const file of files) {
    const relative = path.relative(dir, file) || path.basename(file);
    const sourceFile = parseSource(file, fs.readFileSync(file, "utf8"));
    const locate = (pos) => `${relative}:${sourceFile.getLineAndCharacterOfPosition(pos).line + 1}`;
    collectGeneratedFile(sourceFile, locate, collection, reexportedNames);
  }
  // A re-exported name is a value unless the generated code only declares it as a type.
  for (const entry of reexportedNames) {
    const onlyType =
      (collection.interfaces.has(entry.name) || collection.aliases.has(entry.name)) &&
      !collection.classes.has(entry.name);
    if (!onlyType && !collection.values.has(entry.name)) collection.values.set(entry.name, entry);
  }
  return { ...collection, fileCount: files.length };
}

function collectGeneratedFile(sourceFile, locate, collection, reexportedNames) {
  const declarations = typeDeclarationsOf(sourceFile, locate);
  const localExports = localExportList(sourceFile); // names in `export { a, b as c }`
  const localTypeNames = new Set();

  for (const decl of declarations) {
    const localName = decl.node.name.text;
    if (decl.category !== "classes") localTypeNames.add(localName);
    // `export interface X` keeps its name; `export { X as Y }` publishes it as Y.
    const exportedName = hasModifier(decl.node, ts.SyntaxKind.ExportKeyword) ? localName : localExports.get(localName);
    if (exportedName) {
      const described = { ...decl.describe(), name: exportedName };
      addOnce(collection[decl.category], described, collection.duplicates, decl.category);
    }
  }

  const addValue = (name, node) => {
    if (!collection.values.has(name)) collection.values.set(name, { name, location: locate(node.getStart(sourceFile)) });
  };
  for (const statement of sourceFile.statements) {
    if (ts.isExportDeclaration(statement)) {
      collectExportList(statement, localTypeNames, addValue, reexportedNames, locate, sourceFile);
      continue;
    }
    if (!hasModifier(statement, ts.SyntaxKind.ExportKeyword)) continue;
    for (const name of declaredValueNames(statement)) addValue(name, statement);
  }
}

/**
 * Local (no `from`) `export { a, b as c }` and `export type { ... }` entries,
 * as local name -> exported name: they make local declarations exported.
 */
function localExportList(sourceFile) {
  const names = new Map();
  for (const statement of sourceFile.statements) {
    if (!ts.isExportDeclaration(statement) || statement.moduleSpecifier) continue;
    if (!statement.exportClause || !ts.isNamedExports(statement.exportClause)) continue;
    for (const element of statement.exportClause.elements) {
      names.set((element.propertyName ?? element.name).text, element.name.text);
    }
  }
  return names;
}

function collectExportList(statement, localTypeNames, addValue, reexportedNames, locate, sourceFile) {
  if (statement.isTypeOnly || !statement.exportClause || !ts.isNamedExports(statement.exportClause)) return;
  for (const element of statement.exportClause.elements) {
    if (element.isTypeOnly) continue;
    const localName = (element.propertyName ?? element.name).text;
    if (statement.moduleSpecifier) {
      reexportedNames.push({ name: element.name.text, location: locate(element.getStart(sourceFile)) });
    } else if (!localTypeNames.has(localName)) {
      addValue(element.name.text, element);
    }
  }
}

/** Value names introduced by an exported statement (const/let/var, function, class, enum, namespace). */
function declaredValueNames(statement) {
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.declarations.flatMap((d) => bindingNames(d.name));
  }
  if (
    (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) &&
    statement.name
  ) {
    return [statement.name.text];
  }
  if (ts.isModuleDeclaration(statement) && ts.isIdentifier(statement.name)) return [statement.name.text];
  return [];
}

function bindingNames(name) {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : bindingNames(e.name)));
}

// ---------------------------------------------------------------------------
// Display helpers
// ---------------------------------------------------------------------------

function typeParametersText(typeParameters) {
  if (!typeParameters.length) return "";
  const parts = typeParameters.map(
    (tp) => tp.name + (tp.constraint ? ` extends ${tp.constraint}` : "") + (tp.default ? ` = ${tp.default}` : ""),
  );
  return `<${parts.join(", ")}>`;
}

function parametersText(parameters) {
  return parameters
    .map((p) => `${p.rest ? "..." : ""}${p.name}${p.optional ? "?" : ""}: ${p.type ?? "any"}`)
    .join(", ");
}

function memberText(member) {
  const head = `${member.readonly ? "readonly " : ""}${member.name}${member.optional ? "?" : ""}`;
  const signature = () =>
    `${typeParametersText(member.typeParameters)}(${parametersText(member.parameters)}): ${member.returnType ?? "(no type)"}`;
  switch (member.kind) {
    case "property":
    case "index":
      return `${head}: ${member.type ?? "(no type)"}`;
    case "method":
      return `${head}${signature()}`;
    case "construct":
      return `new ${signature()}`;
    default: // call signature
      return signature();
  }
}

function memberLabel(owner, member, overloadCount) {
  const suffix = overloadCount > 1 ? ` (overload ${member.index + 1}/${overloadCount})` : "";
  return `${owner}.${member.name}${suffix}`;
}

function declarationHeader(decl, keyword) {
  const heritage = decl.heritage?.length ? ` ${decl.heritage.join(" ")}` : "";
  return `${keyword} ${decl.name}${typeParametersText(decl.typeParameters)}${heritage}`;
}

// ---------------------------------------------------------------------------
// Comparison
// ---------------------------------------------------------------------------

const sameJson = (a, b) => JSON.stringify(a) === JSON.stringify(b);

function newTotals() {
  const counter = (...fields) => Object.fromEntries(["spec", "found", ...fields].map((f) => [f, 0]));
  return {
    interfaces: counter("headerMatch"),
    interfaceMembers: counter("kindMatch", "optionalityMatch", "readonlyMatch", "typeMatch"),
    aliases: counter("typeParametersMatch", "typeMatch"),
    classes: counter("headerMatch", "constructorMatch"),
    classMembers: counter("kindMatch", "optionalityMatch", "readonlyMatch", "typeMatch"),
    values: counter(),
  };
}

/** Where else a missing name lives in the generated code, to make the message useful. */
function otherKinds(generated, name, category) {
  const labels = { interfaces: "interface", aliases: "type alias", classes: "class", values: "value" };
  return Object.keys(labels)
    .filter((c) => c !== category && generated[c].has(name))
    .map((c) => labels[c]);
}

function missingMismatch(category, name, specDecl, specText, generated, generatedCategory) {
  const elsewhere = otherKinds(generated, name, generatedCategory);
  return {
    category,
    kind: "missing",
    name,
    detail: elsewhere.length ? `not found (generated has it as: ${elsewhere.join(", ")})` : "not found",
    spec: specText,
    generated: null,
    specLocation: specDecl.location,
    generatedLocation: null,
  };
}

/** Number of members per name (more than one = overloads). */
function overloadCounts(members) {
  const byName = new Map();
  for (const m of members.values()) byName.set(m.name, (byName.get(m.name) ?? 0) + 1);
  return byName;
}

function overloadMismatch(base, name, specCount, genCount) {
  return {
    ...base,
    name,
    kind: "overloads",
    detail: `overload count differs: spec ${specCount}, generated ${genCount}`,
    spec: `${specCount} signature(s)`,
    generated: `${genCount} signature(s)`,
  };
}

/**
 * Compare the members of one spec interface/class with the generated one.
 * Adds to `counts` (interfaceMembers or classMembers) and to `mismatches`.
 */
function compareMembers(category, owner, specDecl, genDecl, counts, mismatches) {
  counts.spec += specDecl.members.size;
  if (!genDecl) return; // the missing owner is reported once, not per member

  const specOverloads = overloadCounts(specDecl.members);
  const genOverloads = overloadCounts(genDecl.members);
  const reportedOverloads = new Set();

  for (const [key, specMember] of specDecl.members) {
    const genMember = genDecl.members.get(key);
    const base = {
      category,
      name: memberLabel(owner, specMember, specOverloads.get(specMember.name)),
      specLocation: specMember.location,
      generatedLocation: genMember?.location ?? genDecl.location,
    };
    if (genMember) {
      counts.found++;
      compareFoundMember(base, specMember, genMember, counts, mismatches);
      continue;
    }
    const genCount = genOverloads.get(specMember.name) ?? 0;
    if (genCount === 0) {
      mismatches.push({ ...base, kind: "missing", detail: "member not found", spec: memberText(specMember), generated: null });
    } else if (!reportedOverloads.has(specMember.name)) {
      // Fewer overloads than the spec: one message for the whole method.
      reportedOverloads.add(specMember.name);
      const name = `${owner}.${specMember.name}`;
      mismatches.push(overloadMismatch(base, name, specOverloads.get(specMember.name), genCount));
    }
  }

  // More overloads in the generated code than in the spec is a mismatch too.
  for (const [name, genCount] of genOverloads) {
    const specCount = specOverloads.get(name);
    if (specCount && genCount > specCount) {
      const base = { category, specLocation: specDecl.location, generatedLocation: genDecl.location };
      mismatches.push(overloadMismatch(base, `${owner}.${name}`, specCount, genCount));
    }
  }
}

/** Kind, optionality, readonly and type checks of a member present on both sides. */
function compareFoundMember(base, specMember, genMember, counts, mismatches) {
  const pair = { ...base, spec: memberText(specMember), generated: memberText(genMember) };
  const kindMatch = specMember.kind === genMember.kind;
  if (kindMatch) counts.kindMatch++;
  else mismatches.push({ ...pair, kind: "kind", detail: `spec has a ${specMember.kind}, generated a ${genMember.kind}` });

  if (specMember.optional === genMember.optional) counts.optionalityMatch++;
  else mismatches.push({ ...pair, kind: "optionality", detail: `spec optional=${specMember.optional}, generated optional=${genMember.optional}` });

  if (specMember.readonly === genMember.readonly) counts.readonlyMatch++;
  else mismatches.push({ ...pair, kind: "readonly", detail: `spec readonly=${specMember.readonly}, generated readonly=${genMember.readonly}` });

  // A kind mismatch already says the types differ; do not report it twice.
  if (!kindMatch) return;
  const typeDiffs = memberTypeDifferences(specMember, genMember);
  if (!typeDiffs.length) counts.typeMatch++;
  else mismatches.push({ ...pair, kind: "type", detail: typeDiffs.join("; ") });
}

/** Differences in type between two members of the same kind; [] when equal. */
function memberTypeDifferences(specMember, genMember) {
  if (specMember.kind === "property" || specMember.kind === "index") {
    return specMember.type === genMember.type ? [] : ["type differs"];
  }
  return signatureDifferences(specMember, genMember);
}

function signatureDifferences(spec, gen) {
  const diffs = [];
  if (!sameJson(spec.typeParameters, gen.typeParameters)) diffs.push("type parameters differ");
  diffs.push(...parameterDifferences(spec.parameters, gen.parameters));
  if (spec.returnType !== gen.returnType) diffs.push("return type differs");
  return diffs;
}

function parameterDifferences(specParams, genParams) {
  const diffs = [];
  if (specParams.length !== genParams.length) {
    diffs.push(`parameter count differs (spec ${specParams.length}, generated ${genParams.length})`);
  }
  const common = Math.min(specParams.length, genParams.length);
  for (let i = 0; i < common; i++) {
    const s = specParams[i];
    const g = genParams[i];
    const label = `parameter ${i + 1} '${s.name}'`;
    if (s.name !== g.name) diffs.push(`${label}: name differs ('${g.name}')`);
    if (s.optional !== g.optional) diffs.push(`${label}: optionality differs`);
    if (s.rest !== g.rest) diffs.push(`${label}: rest flag differs`);
    if (s.type !== g.type) diffs.push(`${label}: type differs`);
  }
  return diffs;
}

function compareInterfaces(spec, generated, totals, mismatches) {
  for (const [name, specDecl] of spec.interfaces) {
    totals.interfaces.spec++;
    const genDecl = generated.interfaces.get(name);
    if (!genDecl) {
      mismatches.push(missingMismatch("interface", name, specDecl, declarationHeader(specDecl, "interface"), generated, "interfaces"));
    } else {
      totals.interfaces.found++;
      compareHeader("interface", specDecl, genDecl, totals.interfaces, mismatches);
    }
    compareMembers("interface member", name, specDecl, genDecl, totals.interfaceMembers, mismatches);
  }
}

/** Type parameters and heritage clauses of an interface or class. */
function compareHeader(category, specDecl, genDecl, counts, mismatches) {
  const diffs = [];
  if (!sameJson(specDecl.typeParameters, genDecl.typeParameters)) diffs.push("type parameters differ");
  if (!sameJson(specDecl.heritage, genDecl.heritage)) diffs.push("heritage clauses differ");
  if (!diffs.length) {
    counts.headerMatch++;
    return;
  }
  mismatches.push({
    category,
    kind: "header",
    name: specDecl.name,
    detail: diffs.join("; "),
    spec: declarationHeader(specDecl, category),
    generated: declarationHeader(genDecl, category),
    specLocation: specDecl.location,
    generatedLocation: genDecl.location,
  });
}

function compareAliases(spec, generated, totals, mismatches) {
  const aliasText = (a) => `type ${a.name}${typeParametersText(a.typeParameters)} = ${a.type}`;
  for (const [name, specDecl] of spec.aliases) {
    totals.aliases.spec++;
    const genDecl = generated.aliases.get(name);
    if (!genDecl) {
      mismatches.push(missingMismatch("type alias", name, specDecl, aliasText(specDecl), generated, "aliases"));
      continue;
    }
    totals.aliases.found++;
    const base = {
      category: "type alias",
      name,
      spec: aliasText(specDecl),
      generated: aliasText(genDecl),
      specLocation: specDecl.location,
      generatedLocation: genDecl.location,
    };
    if (sameJson(specDecl.typeParameters, genDecl.typeParameters)) totals.aliases.typeParametersMatch++;
    else mismatches.push({ ...base, kind: "typeParameters", detail: "type parameters differ" });
    if (specDecl.type === genDecl.type) totals.aliases.typeMatch++;
    else mismatches.push({ ...base, kind: "type", detail: "type differs" });
  }
}

function compareClasses(spec, generated, totals, mismatches) {
  for (const [name, specDecl] of spec.classes) {
    totals.classes.spec++;
    const genDecl = generated.classes.get(name);
    if (!genDecl) {
      mismatches.push(missingMismatch("class", name, specDecl, declarationHeader(specDecl, "class"), generated, "classes"));
    } else {
      totals.classes.found++;
      compareHeader("class", specDecl, genDecl, totals.classes, mismatches);
      compareConstructors(specDecl, genDecl, totals.classes, mismatches);
    }
    compareMembers("class member", name, specDecl, genDecl, totals.classMembers, mismatches);
  }
}

function compareConstructors(specDecl, genDecl, counts, mismatches) {
  const ctorText = (params) => `constructor(${parametersText(params)})`;
  const specCtors = specDecl.constructors;
  const genCtors = genDecl.constructors;
  const diffs = [];
  if (specCtors.length !== genCtors.length) {
    diffs.push(`constructor count differs (spec ${specCtors.length}, generated ${genCtors.length})`);
  }
  for (let i = 0; i < Math.min(specCtors.length, genCtors.length); i++) {
    diffs.push(...parameterDifferences(specCtors[i], genCtors[i]));
  }
  if (!diffs.length) {
    counts.constructorMatch++;
    return;
  }
  mismatches.push({
    category: "class",
    kind: "constructor",
    name: `${specDecl.name}.constructor`,
    detail: diffs.join("; "),
    spec: specCtors.map(ctorText).join(" / ") || "(none)",
    generated: genCtors.map(ctorText).join(" / ") || "(none)",
    specLocation: specDecl.location,
    generatedLocation: genDecl.location,
  });
}

function compareValues(spec, generated, totals, mismatches) {
  for (const [name, specValue] of spec.values) {
    totals.values.spec++;
    if (generated.values.has(name)) totals.values.found++;
    else mismatches.push(missingMismatch("value", name, specValue, name, generated, "values"));
  }
}

/** Everything spec -> generated; returns { totals, mismatches } in spec order. */
export function compare(spec, generated) {
  const totals = newTotals();
  const mismatches = [];
  compareInterfaces(spec, generated, totals, mismatches);
  compareAliases(spec, generated, totals, mismatches);
  compareClasses(spec, generated, totals, mismatches);
  compareValues(spec, generated, totals, mismatches);
  return { totals, mismatches };
}

/** Generated declarations the spec does not mention (information only). */
function extras(spec, generated) {
  const extra = {};
  for (const category of ["interfaces", "aliases", "classes", "values"]) {
    extra[category] = [...generated[category].keys()].filter((name) => !spec[category].has(name)).sort();
  }
  return extra;
}

// ---------------------------------------------------------------------------
// Reporting
// ---------------------------------------------------------------------------

function percent(part, whole) {
  return whole === 0 ? "  n/a" : `${((100 * part) / whole).toFixed(1).padStart(5)}%`;
}

/** Rows of the summary table: [label, matched, of]. Sub-checks are measured against spec totals. */
function summaryRows(totals) {
  const t = totals;
  return [
    ["interfaces found", t.interfaces.found, t.interfaces.spec],
    ["  headers (type params, extends)", t.interfaces.headerMatch, t.interfaces.spec],
    ["interface members found", t.interfaceMembers.found, t.interfaceMembers.spec],
    ["  kind (property/method)", t.interfaceMembers.kindMatch, t.interfaceMembers.spec],
    ["  optionality matches", t.interfaceMembers.optionalityMatch, t.interfaceMembers.spec],
    ["  readonly matches", t.interfaceMembers.readonlyMatch, t.interfaceMembers.spec],
    ["  type matches", t.interfaceMembers.typeMatch, t.interfaceMembers.spec],
    ["type aliases found", t.aliases.found, t.aliases.spec],
    ["  type parameter matches", t.aliases.typeParametersMatch, t.aliases.spec],
    ["  type matches", t.aliases.typeMatch, t.aliases.spec],
    ["classes found", t.classes.found, t.classes.spec],
    ["  headers (type params, heritage)", t.classes.headerMatch, t.classes.spec],
    ["  constructor matches", t.classes.constructorMatch, t.classes.spec],
    ["class members found", t.classMembers.found, t.classMembers.spec],
    ["  kind (property/method)", t.classMembers.kindMatch, t.classMembers.spec],
    ["  optionality matches", t.classMembers.optionalityMatch, t.classMembers.spec],
    ["  readonly matches", t.classMembers.readonlyMatch, t.classMembers.spec],
    ["  type matches", t.classMembers.typeMatch, t.classMembers.spec],
    ["values found", t.values.found, t.values.spec],
  ];
}

function formatReport({ options, spec, generated, totals, mismatches, extra }) {
  const lines = [];
  lines.push(`spec:      ${options.spec} (${spec.blockCount} typescript blocks, ${spec.blocksWithParseErrors} with parse errors — fragments, tolerated)`);
  lines.push(`generated: ${options.generated} (${generated.fileCount} .ts files)`);
  lines.push("");
  for (const [label, matched, of] of summaryRows(totals)) {
    lines.push(`${label.padEnd(36)} ${String(matched).padStart(5)} / ${String(of).padEnd(5)} ${percent(matched, of)}`);
  }
  const extraSummary = Object.entries(extra).map(([k, names]) => `${k} ${names.length}`).join(", ");
  lines.push("");
  lines.push(`not in spec (information only): ${extraSummary}`);
  for (const d of [...spec.duplicates, ...generated.duplicates]) {
    lines.push(`note: ${d.category} ${d.name} declared again at ${d.again} (first at ${d.first}); the first is used`);
  }
  lines.push("");
  if (!mismatches.length) {
    lines.push("RESULT: all spec declarations match (100%)");
    return lines.join("\n");
  }
  lines.push(`MISMATCHES (${mismatches.length}):`);
  for (const m of mismatches) {
    lines.push(`- [${m.category}] ${m.name}: ${m.kind} — ${m.detail}`);
    lines.push(`    spec:      ${m.spec ?? "(none)"}    (${m.specLocation})`);
    if (m.generated !== null) lines.push(`    generated: ${m.generated}    (${m.generatedLocation})`);
  }
  lines.push("");
  lines.push(`RESULT: ${mismatches.length} mismatch(es)`);
  return lines.join("\n");
}

function jsonReport({ options, spec, generated, totals, mismatches, extra }) {
  return {
    spec: {
      file: options.spec,
      blocks: spec.blockCount,
      blocksWithParseErrors: spec.blocksWithParseErrors,
      values: [...spec.values.keys()],
    },
    generated: { dir: options.generated, files: generated.fileCount },
    totals,
    mismatches,
    extra,
    duplicates: [...spec.duplicates, ...generated.duplicates],
    ok: mismatches.length === 0,
  };
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

export function run(argv) {
  const options = parseArgs(argv);
  const spec = collectSpec(fs.readFileSync(options.spec, "utf8"), options.spec);
  const generated = collectGenerated(options.generated);
  const { totals, mismatches } = compare(spec, generated);
  const result = { options, spec, generated, totals, mismatches, extra: extras(spec, generated) };
  console.log(formatReport(result));
  if (options.json) {
    fs.writeFileSync(options.json, JSON.stringify(jsonReport(result), null, 2) + "\n");
  }
  return mismatches.length ? EXIT_MISMATCH : EXIT_OK;
}

function main() {
  try {
    process.exitCode = run(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      process.exitCode = EXIT_USAGE;
      return;
    }
    // A crash must not look like "mismatches found" (exit 1).
    console.error(error?.stack ?? String(error));
    process.exitCode = EXIT_INTERNAL;
  }
}

// Run only when executed directly, so tests can import the functions.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();

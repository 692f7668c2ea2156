// Report every TypeScript token outside comments and string literals that contains
// a marker, so a test can prove that no schema text became code.
// Usage: node scan_tokens.mjs MARKER FILE...   (prints one line per offending token)
import { readFileSync } from "node:fs";
import ts from "typescript";

const [marker, ...files] = process.argv.slice(2);
const textKinds = new Set([
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.SingleLineCommentTrivia,
  ts.SyntaxKind.MultiLineCommentTrivia,
]);
let offending = 0;
for (const file of files) {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, /* skipTrivia */ false);
  scanner.setText(readFileSync(file, "utf8"));
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (!textKinds.has(kind) && scanner.getTokenText().includes(marker)) {
      console.log(`${file}:${scanner.getTokenPos()}: ${ts.SyntaxKind[kind]} ${scanner.getTokenText()}`);
      offending += 1;
    }
  }
}
process.exit(offending === 0 ? 0 : 1);

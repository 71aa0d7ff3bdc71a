/**
 * Webview HTML with a strict CSP: no inline scripts or styles, scripts only with a fresh nonce,
 * resources only from the bundle and media/.
 */
import * as vscode from "vscode";
import { randomBytes } from "node:crypto";

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, "out", "webview"), vscode.Uri.joinPath(extensionUri, "media")],
  };
}

export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, opts: { script: string; styles: string[]; title: string; body?: string }): string {
  const nonce = randomBytes(16).toString("base64");
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, "out", "webview", opts.script));
  const styles = opts.styles.map((s) => {
    const base = s.startsWith("media/") ? ["media", s.slice(6)] : ["out", "webview", s];
    return `<link rel="stylesheet" href="${webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...base)).toString()}">`;
  });
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
  ].join("; ");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles.join("\n")}
<title>${opts.title}</title>
</head>
<body>
${opts.body ?? ""}
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}

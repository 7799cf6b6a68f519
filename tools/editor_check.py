"""Check editor support with the YAML language server that VS Code's YAML extension runs.

Opens annotation files in ``yaml-language-server`` (over the Language Server Protocol, as
an editor does) and prints its diagnostics, and the completions it offers at a position
given as ``FILE@LINE:COLUMN``.  Needs Node.js and the server, which the tests do not::

    npm install --prefix build/yls yaml-language-server@1
    python tools/editor_check.py --server build/yls/node_modules/.bin/yaml-language-server
        docs/annotations/glossar.glossary.yaml 'docs/texts/x.text.yaml@12:5'

With ``--vscode-settings .vscode/settings.json`` the ``yaml.schemas`` mapping of that file
is used as well (for files without the ``# yaml-language-server: $schema=…`` line).
(The command is one line.)  Exit code 1 if any file gets a diagnostic.
"""

from __future__ import annotations

import argparse
import json
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any


class Client:
    """A minimal LSP client over a server's standard input and output."""

    def __init__(self, command: list[str], settings: dict[str, Any]) -> None:
        self.settings = settings
        self.server = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.last_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.server.stdout
        assert stream is not None
        while True:
            header = b""
            while not header.endswith(b"\r\n\r\n"):
                char = stream.read(1)
                if not char:
                    return
                header += char
            length = next(
                int(line.split(":")[1])
                for line in header.decode().split("\r\n")
                if line.lower().startswith("content-length")
            )
            self.messages.put(json.loads(stream.read(length)))

    def _write(self, message: dict[str, Any]) -> None:
        data = json.dumps(message).encode()
        assert self.server.stdin is not None
        self.server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self.server.stdin.flush()

    def request(self, method: str, params: dict[str, Any]) -> dict[str, Any] | None:
        self.last_id += 1
        number = self.last_id
        self._write({"jsonrpc": "2.0", "id": number, "method": method, "params": params})
        return self.wait(lambda message: message.get("id") == number and "method" not in message)

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._write({"jsonrpc": "2.0", "method": method, "params": params})

    def wait(self, wanted: Any, timeout: float = 30) -> dict[str, Any] | None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                message = self.messages.get(timeout=0.5)
            except queue.Empty:
                continue
            if message.get("method") == "workspace/configuration":
                items = message["params"]["items"]
                self._write({"jsonrpc": "2.0", "id": message["id"], "result": [self.settings] * len(items)})
            elif "method" in message and "id" in message:
                self._write({"jsonrpc": "2.0", "id": message["id"], "result": None})
            elif wanted(message):
                return message
        return None

    def close(self) -> None:
        self.server.kill()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--server", default="yaml-language-server", help="path of yaml-language-server")
    parser.add_argument("--vscode-settings", help="a .vscode/settings.json whose yaml.schemas to use")
    parser.add_argument("files", nargs="+", help="FILE or FILE@LINE:COLUMN (complete there)")
    args = parser.parse_args()
    root = Path.cwd()
    settings: dict[str, Any] = {
        "validate": True,
        "completion": True,
        "hover": True,
        "schemaStore": {"enable": False},
    }
    if args.vscode_settings:
        mapping = json.loads(Path(args.vscode_settings).read_text("utf-8"))["yaml.schemas"]
        settings["schemas"] = {str((root / schema).resolve()): glob for schema, glob in mapping.items()}
    client = Client([args.server, "--stdio"], settings)
    failed = False
    try:
        client.request(
            "initialize",
            {
                "processId": None,
                "rootUri": root.as_uri(),
                "capabilities": {"workspace": {"configuration": True}},
            },
        )
        client.notify("initialized", {})
        client.notify("workspace/didChangeConfiguration", {"settings": {"yaml": settings}})
        for spec in args.files:
            name, _, position = spec.partition("@")
            path = Path(name).resolve()
            uri = path.as_uri()
            client.notify(
                "textDocument/didOpen",
                {
                    "textDocument": {
                        "uri": uri,
                        "languageId": "yaml",
                        "version": 1,
                        "text": path.read_text("utf-8"),
                    }
                },
            )
            published = client.wait(
                lambda m, uri=uri: (
                    m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
                )
            )
            diagnostics = published["params"]["diagnostics"] if published else []
            print(f"{name}: {len(diagnostics)} diagnostic(s)")
            for diagnostic in diagnostics:
                start = diagnostic["range"]["start"]
                print(f"  {name}:{start['line'] + 1}:{start['character'] + 1}: {diagnostic['message']}")
                failed = True
            if position:
                line, column = (int(part) for part in position.split(":"))
                result = client.request(
                    "textDocument/completion",
                    {"textDocument": {"uri": uri}, "position": {"line": line - 1, "character": column - 1}},
                )
                items = (result or {}).get("result") or {}
                labels = sorted(
                    item["label"] for item in (items.get("items", []) if isinstance(items, dict) else items)
                )
                print(f"  completion at {line}:{column}: {', '.join(labels) or 'none'}")
    finally:
        client.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

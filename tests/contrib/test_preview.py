"""The live preview: builds prepared in a warm child, pages reloaded once their file is final."""

from __future__ import annotations

import asyncio
import concurrent.futures
import inspect
import json
import pickle
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from typing import Any

import pytest
from annotated_reader import preview
from annotated_reader.__main__ import main

pytest.importorskip("sphinx_autobuild")


def _builder(source, out):
    args = [str(source), str(out), "-q", "-d", str(out.parent / "doctrees")]
    return preview.WarmBuilder(args, url_host="127.0.0.1:0", pre_build_commands=[], post_build_commands=[])


def _edition(tmp_path, rootdir):
    source = tmp_path / "src"
    shutil.copytree(rootdir / "test-basic", source)
    return source, tmp_path / "out" / "html"


def test_warm_builder_builds_in_a_child_and_can_be_sent_to_a_worker(tmp_path, rootdir):
    source, out = _edition(tmp_path, rootdir)
    builder = _builder(source, out)
    builder(changed_paths=())
    assert (out / "texts" / "atlantis.html").is_file()
    assert (out / "texts" / "atlantis.annotations.jsonld").is_file()
    assert builder._prepared is not None  # the next build waits, prepared
    # plain sphinx-autobuild hands the builder to a worker process by pickling it
    copy = pickle.loads(pickle.dumps(builder))
    assert isinstance(copy, preview.WarmBuilder)
    assert copy._prepared is None
    builder.discard_prepared()
    assert preview.PreparedBuild([str(tmp_path / "missing"), str(out), "-q"]).run() != 0


def _files(directory):
    return {path.relative_to(directory): path.read_bytes() for path in directory.rglob("*") if path.is_file()}


def test_an_edit_is_built_by_the_prepared_child_the_open_page_first_as_sphinx_build_writes_it(
    tmp_path, rootdir
):
    source, out = _edition(tmp_path, rootdir)
    builder = _builder(source, out)
    builder(changed_paths=())
    plain = tmp_path / "plain"
    shutil.copytree(tmp_path / "src", plain / "src")
    shutil.copytree(tmp_path / "out", plain / "out")
    for root in (source, plain / "src"):
        text = root / "texts" / "atlantis.text.yaml"
        text.write_text(text.read_text("utf-8").replace("Atlantis", "Atlantis-geprüft", 1), "utf-8")
    prepared = builder._prepared
    reported: list[list[str]] = []
    builder(changed_paths=[text], on_pages_written=reported.append, open_files={"texts/atlantis.html"})
    assert prepared is not None and builder._prepared is not prepared  # used, and a new one made
    assert "Atlantis-geprüft" in (out / "texts" / "atlantis.html").read_text("utf-8")
    # the open page written and reported first, then the other pages, all before the indices
    assert reported[0] == ["texts/atlantis.html"]
    assert len(reported) == 2 and reported[1] and "genindex.html" not in reported[1]
    builder.discard_prepared()
    # the same output as sphinx-build's, in its order
    html = plain / "out" / "html"
    command = [sys.executable, "-m", "sphinx", "build", "-q", "-d", str(html.parent / "doctrees")]
    subprocess.run([*command, str(plain / "src"), str(html)], check=True, capture_output=True)
    assert _files(out) == _files(html)


def test_a_configuration_change_and_a_failed_build_lead_to_a_correct_next_build(tmp_path, rootdir, capfd):
    source, out = _edition(tmp_path, rootdir)
    builder = _builder(source, out)
    builder(changed_paths=())
    conf = source / "conf.py"
    original = conf.read_text("utf-8")

    assert builder._prepared is not None and builder._prepared.wait_until_prepared(60)  # read conf.py
    conf.write_text(original + '\nhtml_title = "Geänderter Titel"\n', "utf-8")
    builder(changed_paths=[conf])  # the prepared child read the old conf.py: discarded
    assert "Geänderter Titel" in (out / "texts" / "atlantis.html").read_text("utf-8")

    conf.write_text(original + "\nthis is not Python\n", "utf-8")
    capfd.readouterr()
    builder(changed_paths=[conf])
    assert "Sphinx exited with exit code: 2" in capfd.readouterr().out

    assert builder._prepared is not None and builder._prepared.wait_until_prepared(60)  # failed to
    conf.write_text(original + '\nhtml_title = "Wieder gültig"\n', "utf-8")
    builder(changed_paths=[conf])
    assert "Wieder gültig" in (out / "texts" / "atlantis.html").read_text("utf-8")
    # the output reports the build it belongs to, not the moment it was prepared
    assert "Sphinx exited" not in capfd.readouterr().out
    builder.discard_prepared()


def test_a_discarded_child_builds_nothing(tmp_path, rootdir):
    source, out = _edition(tmp_path, rootdir)
    prepared = preview.PreparedBuild([str(source), str(out), "-q"])
    prepared.discard()
    assert not (out / "index.html").exists()


@pytest.mark.parametrize(
    ("url_path", "file"),
    [("/", "index.html"), ("/texts/atlantis.html", "texts/atlantis.html"), ("/a%20b/", "a b/index.html")],
)
def test_served_file(url_path, file):
    assert preview.served_file(url_path) == file


class _Socket:
    def __init__(self) -> None:
        self.sent: list[str] = []

    async def send_text(self, text: str) -> None:
        self.sent.append(text)


def _run_apart(coroutine: Any) -> Any:
    """Run ``coroutine`` in a thread of its own: in the full suite Playwright's sync API may
    hold a running event loop in the main thread, where ``asyncio.run`` refuses to start."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def test_each_page_reloads_once_when_its_file_is_final():
    async def scenario() -> dict[str, list[str]]:
        server = preview.PreviewServer([], lambda path: False, change_callback=None)
        pages = {}
        for name, file, served in [
            ("text", "texts/a.html", 0),  # written in the build: reloads at the report
            ("index", "genindex.html", 0),  # written after the report: reloads at the end
            ("unknown", None, None),  # never said which it is: reloads at the end
        ]:
            page = preview._OpenPage(_Socket())  # type: ignore[arg-type]
            if file is not None:
                page.identify(json.dumps({"path": "/" + file, "served": served}))
            server._open_pages.add(page)
            pages[name] = page
        server.build_started()
        server.pages_written(["texts/a.html"])
        await asyncio.sleep(0)
        assert [name for name, page in pages.items() if page.socket.sent] == ["text"]
        # the text, reloaded after the report, comes back: it is the final file
        again = preview._OpenPage(_Socket())  # type: ignore[arg-type]
        again.identify(json.dumps({"path": "/texts/a.html", "served": server.moment}))
        server._open_pages.add(again)
        pages["text, reloaded"] = again
        assert not server.is_out_of_date(again)
        server.build_ended()
        await asyncio.sleep(0)
        # a page served before the end, that says so only now, is out of date
        late = preview._OpenPage(_Socket())  # type: ignore[arg-type]
        late.identify(json.dumps({"path": "/genindex.html", "served": server.moment - 1}))
        assert server.is_out_of_date(late)
        return {name: page.socket.sent for name, page in pages.items()}

    assert _run_apart(scenario()) == {
        "text": ["refresh"],
        "index": ["refresh"],
        "unknown": ["refresh"],
        "text, reloaded": [],
    }


def test_what_the_preview_replaces_in_sphinx_autobuild_is_still_there():
    """The parts of sphinx-autobuild (2025.8.25) the preview stands in for (Sphinx's: upstream.py)."""
    import sphinx_autobuild.__main__ as autobuild
    from sphinx_autobuild import middleware, server

    assert list(inspect.signature(autobuild._create_app).parameters) == [
        "watch_dirs",
        "ignore_handler",
        "builder",
        "out_dir",
        "url_host",
    ]
    assert list(inspect.signature(server.RebuildServer).parameters) == [
        "paths",
        "ignore_filter",
        "change_callback",
    ]
    for name in ("watch", "lifespan", "main"):
        assert callable(getattr(server.RebuildServer, name))
    assert 'new WebSocket("ws://{ws_url}/websocket-reload")' in inspect.getsource(
        middleware.web_socket_script
    )
    assert "window.location.reload()" in preview.reload_script("h:1", 3).decode()


def test_serve_passes_its_options_to_sphinx_autobuild(monkeypatch):
    import sphinx_autobuild.__main__ as autobuild

    seen = []
    monkeypatch.setattr(autobuild, "main", seen.append)
    monkeypatch.setattr(autobuild, "Builder", autobuild.Builder)  # restored after the test
    monkeypatch.setattr(autobuild, "_create_app", autobuild._create_app)
    assert main(["serve", "--host", "127.0.0.1", "--port", "8001", "docs", "out"]) == 0
    assert seen == [["--host", "127.0.0.1", "--port", "8001", "docs", "out"]]
    assert autobuild.Builder is preview.WarmBuilder
    assert autobuild._create_app is preview.create_app


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:  # the server is on 127.0.0.1
        return str(response.read().decode("utf-8"))


def test_the_server_reloads_the_open_page_with_the_edit(tmp_path, rootdir):
    from websockets.sync.client import connect

    source, out = _edition(tmp_path, rootdir)
    port = _free_port()
    command = [sys.executable, "-m", "annotated_reader", "serve", "--port", str(port), str(source), str(out)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/texts/atlantis.html"
        deadline = time.monotonic() + 120
        page = ""
        while time.monotonic() < deadline and "</html>" not in page:
            try:
                page = _get(url)
            except OSError:
                time.sleep(0.1)
        served = re.search(r"served: (\d+)", page)
        assert served is not None, page[-500:]
        # the assets linked with their checksum may be kept by the browser; the page may not
        asset = re.search(r'href="\.\./(_static/[^"?]+\?v=[^"]+)"', page)
        assert asset is not None
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/{asset.group(1)}", timeout=5) as response:
            assert response.headers["Cache-Control"] == preview.VERSIONED_ASSET_CACHING
        with urllib.request.urlopen(url, timeout=5) as response:
            assert response.headers["Cache-Control"] is None
        with connect(f"ws://127.0.0.1:{port}/websocket-reload", open_timeout=10) as websocket:
            websocket.send(json.dumps({"path": "/texts/atlantis.html", "served": int(served.group(1))}))
            time.sleep(0.3)  # the watcher is running before the edit
            text = source / "texts" / "atlantis.text.yaml"
            text.write_text(text.read_text("utf-8").replace("Atlantis", "Atlantis-geprüft", 1), "utf-8")
            assert websocket.recv(timeout=60) == "refresh"
            assert "Atlantis-geprüft" in _get(url)  # final when the page is told to reload
    finally:
        server.terminate()
        server.wait(timeout=20)

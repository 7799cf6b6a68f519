"""Live preview: sphinx-autobuild, with each rebuild prepared in a warm process.

``python -m annotated_reader serve DOCS OUTDIR [sphinx-autobuild options]`` (what
``nox -s serve`` runs) is sphinx-autobuild with these changes, all for the time from saving
a file to the reloaded page (``tools/live_preview_timing.py`` measures it):

* sphinx-autobuild starts a new Python for every rebuild, which then imports Sphinx,
  docutils, MyST, the theme and this extension again.  Here the server imports them once
  and every build runs in a process forked from it: warm, and still leaving nothing behind.
* The next build is prepared while the preview is idle (:class:`PreparedBuild`): right
  after a build, a child is forked that reads the configuration, sets up the extensions
  and loads the pickled environment, then waits.  A change only starts its build.  It is
  the same ``sphinx-build`` run, cut in two: the sources are looked at after the change,
  so the output is the same.  A change to a file that preparing may have read
  (:data:`READ_WHEN_PREPARING`: ``conf.py``, a message catalogue …) and pre-build
  commands discard the prepared child: that build starts from scratch.
* An open page reloads as soon as its own file is final (:class:`PreviewServer`): the
  build writes the pages open in a browser first and reports them, then the others, and
  reports those before it writes the indices, the search index and the inventory; each
  page says which file it shows and from which moment.  The rest reload when the build
  ends, as in sphinx-autobuild.
* Assets linked with their checksum (``_static/furo.css?v=…``) may be kept by the browser,
  so a reload fetches the page only.
* The rebuild runs in a thread of the server, not in a new worker process per change,
  and changes settle for :data:`WATCH_STEP_MS` (10 ms) instead of 50 ms.

Modules the server imported (:data:`WARM_MODULES`, this extension among them) stay as they
were when it started: a change to the extension's own code is built with the old code
until the preview is restarted (as since builds were first forked from the server).

Where ``fork`` is not available, builds run as sphinx-autobuild runs them.  An edit
re-reads only the pages that depend on the edited file (see the developers' notes on
``env.note_dependency``).  The parts of sphinx-autobuild this replaces were checked
against sphinx-autobuild 2025.8.25 (``tests/contrib/test_preview.py`` checks them).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import importlib
import json
import multiprocessing
import os
import sys
from collections.abc import Callable, Collection, Iterable, Sequence
from collections.abc import Set as AbstractSet
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import unquote

try:
    import watchfiles
    from sphinx_autobuild.build import Builder as AutobuildBuilder
    from sphinx_autobuild.server import RebuildServer
    from sphinx_autobuild.utils import show_command, show_message
    from starlette.applications import Starlette
    from starlette.datastructures import MutableHeaders
    from starlette.middleware import Middleware
    from starlette.routing import Mount, WebSocketRoute
    from starlette.staticfiles import StaticFiles
    from starlette.websockets import WebSocket
except ImportError:  # the serve extra is not installed; serve() says so
    AutobuildBuilder = RebuildServer = object

WARM_MODULES = (
    "sphinx.application",
    "sphinx.builders.html",
    "sphinx.cmd.build",
    "sphinx.search.de",
    "sphinx.writers.html5",
    "docutils.parsers.rst",
    "myst_parser",
    "myst_parser.parsers.sphinx_",
    "myst_parser.mdit_to_docutils.sphinx_",
    "sphinx_design",
    "furo",
    "annotated_reader.sphinxext",
    "jsonschema",
    "babel.dates",
)
"""Modules imported once by the server; a missing one (another theme …) is skipped."""

READ_WHEN_PREPARING = frozenset({".py", ".po", ".mo", ".conf", ".toml"})
"""Suffixes of files a prepared build may have read already (configuration, extensions,
message catalogues, theme settings): after a change to one, the build starts from scratch."""

WATCH_STEP_MS = 10
"""How long changes must have settled before a rebuild starts.  From a save to the rebuild
(median of 14 saves on the development machine): 74 ms with watchfiles' default of 50,
31 ms with 20, 16 ms with 10.  An editor's save (a write, or a rename) takes far less."""

PREPARE_AFTER_S = 0.25
"""How long a prepared child waits before preparing, unless asked to build: the open page
reloads meanwhile, and the two would share the processor."""


def _preload() -> None:
    from sphinx.application import builtin_extensions

    for name in (*WARM_MODULES, *builtin_extensions):
        try:
            importlib.import_module(name)
        except ImportError:
            continue


# --- the build: prepared in a child, run on a change ---------------------------------------


class _HeldOutput:
    """A text stream that keeps what is written until :meth:`release`, then writes through.

    A prepared build's messages ("loading pickled environment …") belong to the build they
    prepare, not to the moment they were printed.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._held: list[str] | None = []

    def write(self, text: str) -> int:
        if self._held is None:
            return self._stream.write(text)
        self._held.append(text)
        return len(text)

    def flush(self) -> None:
        if self._held is None:
            self._stream.flush()

    def release(self) -> None:
        held, self._held = self._held or [], None
        self._stream.write("".join(held))
        self._stream.flush()

    def __getattr__(self, name: str) -> Any:  # encoding, isatty, fileno …
        return getattr(self._stream, name)


def _images_copied(builder: Any) -> bool:
    """Whether every image the written pages show is in the output already, and current.

    The HTML builder copies images only after the indices: a page showing a new or changed
    image is reported with the rest, at the end.
    """
    from .sphinxext.upstream import images_to_copy

    for source, copy in images_to_copy(builder):
        try:
            if Path(copy).stat().st_mtime_ns < Path(source).stat().st_mtime_ns:
                return False
        except OSError:
            return False
    return True


def _report_written_pages(
    app: Any, open_files: Callable[[], Collection[str]], report: Callable[[list[str]], None]
) -> None:
    """Report the files of the pages written before the builder finishes; the open ones first.

    The pages open in a browser (``open_files``) are written by a call of their own before
    the others (each page is written the same in any order) and reported at once; the
    others once written, before the indices, the search index and the inventory (see
    ``upstream.around_writing``).  Builders without pages (no ``get_outfilename``) report
    nothing: their pages reload at the end.
    """
    from .sphinxext.upstream import around_writing

    builder = app.builder
    outfilename = getattr(builder, "get_outfilename", None)
    if outfilename is None:
        return
    outdir = Path(builder.outdir)
    written: list[str] = []
    reported: set[str] = set()
    app.connect("html-page-context", lambda _app, pagename, *_: written.append(pagename))

    def file_of(docname: str) -> str:
        return Path(outfilename(docname)).relative_to(outdir).as_posix()

    def report_new() -> None:
        new = [file for file in dict.fromkeys(map(file_of, written)) if file not in reported]
        if new and _images_copied(builder):
            reported.update(new)
            report(new)

    def write_open_pages_first(write_documents: Callable[[Any], None], docnames: AbstractSet[str]) -> None:
        shown = open_files()
        first = {name for name in docnames if file_of(name) in shown}
        if not first or first == set(docnames):
            write_documents(docnames)
            return
        write_documents(first)
        report_new()
        write_documents(set(docnames) - first)

    around_writing(builder, write_open_pages_first, report_new)


def _prepared_build(args: list[str], gate: Connection) -> int:
    """``sphinx-build args``, waiting for the word on ``gate`` once the application is set up.

    Runs in the prepared child.  The application is created (or failed to be: the error is
    then reported when the build is asked for) and the child waits; the word is the list
    of files open in a browser, or the end of the pipe: discarded.
    """
    from .sphinxext.upstream import build_main_with

    gate.poll(PREPARE_AFTER_S)
    out, err = _HeldOutput(sys.stdout), _HeldOutput(sys.stderr)
    sys.stdout, sys.stderr = out, err
    shown: set[str] = set()

    def prepared(app: Any) -> None:
        if app is not None:
            _report_written_pages(app, lambda: shown, gate.send)
        with contextlib.suppress(OSError):
            gate.send(None)  # prepared (see PreparedBuild.wait_until_prepared)
        try:
            shown.update(gate.recv())
        except (EOFError, OSError):
            os._exit(0)  # discarded: nothing was built, nothing is said
        out.release()
        err.release()

    return build_main_with(args, prepared)


class PreparedBuild:
    """A child forked from this (warm) process, prepared to run ``sphinx-build args``.

    Make it after the previous build finished: it loads the environment that build saved.
    :meth:`run` lets it build; :meth:`discard` ends it unused.
    """

    def __init__(self, args: Sequence[str]) -> None:
        self.args = list(args)
        self._prepared = False
        self._gate, child_end = multiprocessing.Pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        self.pid = os.fork()
        if self.pid == 0:  # the child never returns into the server's code
            status = 2
            try:
                self._gate.close()
                status = _prepared_build(self.args, child_end)
            except BaseException:  # noqa: BLE001, S110 — Sphinx has reported it; a child must not unwind
                pass
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(status)
        child_end.close()

    def run(
        self, on_pages_written: Callable[[list[str]], None] | None = None, open_files: Collection[str] = ()
    ) -> int:
        """Build; the exit code.  ``on_pages_written`` gets the files of pages once written."""
        with contextlib.suppress(OSError):  # it has ended already: its exit code says why
            self._gate.send(sorted(open_files))
        while True:
            try:
                pages = self._gate.recv()
            except (EOFError, OSError):
                break
            if pages is not None and on_pages_written is not None:
                on_pages_written(pages)
        return self._wait()

    def wait_until_prepared(self, timeout: float) -> bool:
        """Whether the child has set up its application (or failed to) within ``timeout`` s."""
        if self._prepared:
            return True
        with contextlib.suppress(EOFError, OSError):
            if self._gate.poll(timeout) and self._gate.recv() is None:
                self._prepared = True
        return self._prepared

    def discard(self) -> None:
        self._gate.close()  # the child reads the end of the pipe and exits unbuilt
        self._wait()

    def _wait(self) -> int:
        _, status = os.waitpid(self.pid, 0)
        self._gate.close()
        return os.waitstatus_to_exitcode(status)


class WarmBuilder(AutobuildBuilder):  # type: ignore[misc]
    """sphinx-autobuild's builder, building in a prepared child of this process.

    Picklable (plain sphinx-autobuild sends it to a worker process); only the process that
    made it keeps a prepared build between changes.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._owner = os.getpid()
        self._prepared: PreparedBuild | None = None

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_prepared": None}

    def __call__(
        self,
        *,
        changed_paths: Sequence[Path],
        on_pages_written: Callable[[list[str]], None] | None = None,
        open_files: Collection[str] = (),
    ) -> None:
        if "fork" not in multiprocessing.get_all_start_methods():
            super().__call__(changed_paths=changed_paths)
            return
        if changed_paths:
            names = ", ".join(path.name for path in changed_paths[:5])
            show_message(f"Detected changes ({names})")
            show_message("Rebuilding...")
        if self.pre_build_commands or any(path.suffix in READ_WHEN_PREPARING for path in changed_paths):
            self.discard_prepared()
        if self._run_commands(self.pre_build_commands, "pre-build") != 0:
            return
        show_command(["sphinx-build (prepared)", *self.sphinx_args])
        build, self._prepared = self._prepared or PreparedBuild(self.sphinx_args), None
        status = build.run(on_pages_written, open_files)
        if os.getpid() == self._owner:
            self._prepared = PreparedBuild(self.sphinx_args)
        if status:
            print(f"Sphinx exited with exit code: {status}")
            print("The server will continue serving the build folder, but it is out of date.")
        else:
            self._run_commands(self.post_build_commands, "post-build")
        show_message(f"Serving on {self.uri}")

    def discard_prepared(self) -> None:
        if self._prepared is not None:
            self._prepared.discard()
            self._prepared = None


# --- the server: which open page reloads when ------------------------------------------------


def served_file(url_path: str) -> str:
    """The file under the output directory that the static server sends for ``url_path``."""
    path = unquote(url_path).lstrip("/")
    return f"{path}index.html" if not path or path.endswith("/") else path


class _OpenPage:
    """An open page: its websocket, the file it shows, and when that was served."""

    def __init__(self, socket: WebSocket) -> None:
        self.socket = socket
        self.file: str | None = None
        self.served: int | None = None  # the server's moment (see PreviewServer.moment)

    def identify(self, message: str) -> None:
        with contextlib.suppress(ValueError, TypeError, AttributeError):
            said = json.loads(message)
            self.file, self.served = served_file(str(said["path"])), int(said["served"])


class PreviewServer(RebuildServer):  # type: ignore[misc]
    """sphinx-autobuild's ``RebuildServer``, reloading each open page once its file is final.

    ``moment`` counts the events of the builds (a start, the pages written, an end).  Each
    HTML page is served with the moment in its reload script (:class:`ReloadScriptInjector`),
    and the page sends it back with its path.  A page is out of date if its file became
    final at a later moment: the files of the pages a build reports at the moment of the
    report, all other files at the build's end.  A page that has not said which it is
    reloads at every build's end, as in sphinx-autobuild.

    ``watch`` is sphinx-autobuild's (2025.8.25) with a shorter settling time, the build in
    a thread of the server instead of a new process per change (the builder keeps its
    prepared build), and these moments; ``__call__`` replaces one ``flag`` shared by all
    pages (each change reloaded only the first page to see it).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.moment = 0
        self._build_started = 0
        self._final_since: dict[str, int] = {}  # per file reported final early
        self._all_final_since = 0
        self._open_pages: set[_OpenPage] = set()
        self._tasks: set[asyncio.Task[None]] = set()

    def is_out_of_date(self, page: _OpenPage) -> bool:
        if page.file is None or page.served is None:
            return False
        return page.served < self._final_since.get(page.file, self._all_final_since)

    def build_started(self) -> None:
        self.moment += 1
        self._build_started = self.moment

    def pages_written(self, files: Iterable[str]) -> None:
        self.moment += 1
        self._final_since.update(dict.fromkeys(files, self.moment))
        self._reload(page for page in self._open_pages if page.file is not None and self.is_out_of_date(page))

    def build_ended(self) -> None:
        self.moment += 1
        self._final_since = {file: at for file, at in self._final_since.items() if at > self._build_started}
        self._all_final_since = self.moment
        self._reload(page for page in self._open_pages if page.file is None or self.is_out_of_date(page))

    def _reload(self, pages: Iterable[_OpenPage]) -> None:
        for page in list(pages):
            page.served = self.moment  # said once: the page reloads and comes back as a new one
            task = asyncio.ensure_future(self._send_refresh(page))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    @staticmethod
    async def _send_refresh(page: _OpenPage) -> None:
        with contextlib.suppress(Exception):  # the page has gone meanwhile
            await page.socket.send_text("refresh")

    async def watch(self) -> None:
        loop = asyncio.get_running_loop()

        def pages_written(files: list[str]) -> None:  # called from the build's thread
            loop.call_soon_threadsafe(self.pages_written, files)

        async for changes in watchfiles.awatch(
            *self.paths, watch_filter=lambda _, path: not self.ignore(path), step=WATCH_STEP_MS
        ):
            changed_paths = [Path(path).resolve() for (_, path) in changes]
            self.build_started()
            await asyncio.to_thread(
                self.change_callback,
                changed_paths=changed_paths,
                on_pages_written=pages_written,
                open_files={page.file for page in self._open_pages if page.file is not None},
            )
            self.build_ended()

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        socket = WebSocket(scope, receive, send)
        await socket.accept()
        page = _OpenPage(socket)
        self._open_pages.add(page)
        try:
            async for message in socket.iter_text():
                page.identify(message)
                if self.is_out_of_date(page):
                    self._reload([page])
        finally:
            self._open_pages.discard(page)


def reload_script(ws_url: str, moment: int) -> bytes:
    """sphinx-autobuild's reload script, saying which page this is and when it was served."""
    return f"""
<script>
const ws = new WebSocket("ws://{ws_url}/websocket-reload");
ws.onopen = () => ws.send(JSON.stringify({{path: location.pathname, served: {moment}}}));
ws.onmessage = () => window.location.reload();
</script>
""".encode()


VERSIONED_ASSET_CACHING = "max-age=86400"
"""How the preview lets the browser keep a versioned asset: a reload then asks only for the page."""


def _versioned_asset(scope: Any) -> bool:
    # Sphinx links its assets as "_static/furo.css?v=<checksum of the file>": another
    # content is another address, so the browser may keep the file it has.
    return "/_static/" in str(scope.get("path", "")) and bytes(scope.get("query_string", b"")).startswith(
        b"v="
    )


class ReloadScriptInjector:
    """sphinx-autobuild's ``JavascriptInjectorMiddleware``, with the moment of serving in the script.

    Also lets the browser keep the assets Sphinx links with their checksum
    (:data:`VERSIONED_ASSET_CACHING`; the static server sends no ``Cache-Control``): a
    reload after a rebuild then waits for no request but the page's.
    """

    def __init__(self, app: Any, ws_url: str, server: PreviewServer) -> None:
        self.app = app
        self.ws_url = ws_url
        self.server = server

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        script = b""

        async def send_with_script(message: Any) -> None:
            nonlocal script
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if message.get("status") == 200 and _versioned_asset(scope):
                    headers["Cache-Control"] = VERSIONED_ASSET_CACHING
                if headers.get("Content-Type", "").startswith("text/html"):
                    # the moment before the file is read: a page written meanwhile counts as older
                    script = reload_script(self.ws_url, self.server.moment)
                    if "Content-Length" in headers:
                        headers["Content-Length"] = str(int(headers["Content-Length"]) + len(script))
            elif message["type"] == "http.response.body" and script and not message.get("more_body", False):
                message["body"] += script
            await send(message)

        await self.app(scope, receive, send_with_script)


def create_app(watch_dirs: Any, ignore_handler: Any, builder: Any, out_dir: Any, url_host: str) -> Starlette:
    """sphinx-autobuild's ``_create_app`` (2025.8.25) with :class:`PreviewServer` and its script."""
    server = PreviewServer(watch_dirs, ignore_handler, change_callback=builder)
    return Starlette(
        routes=[
            WebSocketRoute("/websocket-reload", server, name="reload"),
            Mount("/", app=StaticFiles(directory=out_dir, html=True), name="static"),
        ],
        middleware=[Middleware(ReloadScriptInjector, ws_url=url_host, server=server)],
        lifespan=server.lifespan,
    )


def serve(argv: Sequence[str]) -> int:
    """Run sphinx-autobuild with prepared builds; ``argv`` are sphinx-autobuild's arguments."""
    try:
        import sphinx_autobuild.__main__ as autobuild
    except ImportError:
        print("the live preview needs sphinx-autobuild: pip install 'sphinx-annotated-reader[serve]'")
        return 1
    _preload()
    # Builds are forked from this process: with its objects (modules, mostly) frozen, the
    # garbage collector in a build does not walk them, nor copy their memory by touching them.
    gc.freeze()
    module: Any = autobuild
    module.Builder = WarmBuilder
    if "fork" in multiprocessing.get_all_start_methods():
        module._create_app = create_app
    module.main(list(argv))
    return 0

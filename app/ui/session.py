"""``AppSession``: the container that builds the window and wires it to the connection."""

from __future__ import annotations

from .browse_controller import BrowseController
from .connect.settings import SANDBOX_KEY, Settings
from .connection import Connection, SandboxConnection
from .contacts_controller import ContactsController
from .contacts_model import FAILED_TEXT, ContactsTableModel
from .custom_fields_screen.controller import CustomFieldsController
from .definitions import CustomFieldDefinitions
from .detail_controller import DetailController
from .first_window import FirstWindow
from .importer import ExportSource, ImporterFeature
from .lists.manager import ListsManager
from .main_window import MainWindow
from .membership import MembershipEngine
from .operations import Operations
from .search_builder.controller import SearchBuilderController
from .search_builder.saved_searches import SavedSearchStore
from .search_builder.saved_searches_ui import SavedSearchesController
from .search_state import SearchState
from .sidebar import CUSTOM_FIELDS_PAGE, IMPORTS_PAGE

STATUS_TIMEOUT_MS = 10_000


class AppSession:
    """One window on one connection: ``start()`` shows it and connects; ``shutdown()`` cleans up.

    ``settings`` and ``workspace_key`` say where the workspace's saved searches are kept (without
    settings: in memory, for this session only). ``first_window``: the window painted before the
    client side was imported (``first_window.py``), used instead of a new one.
    """

    def __init__(
        self,
        connection: Connection,
        *,
        notice: str | None = None,
        settings: Settings | None = None,
        workspace_key: str = SANDBOX_KEY,
        first_window: FirstWindow | None = None,
    ) -> None:
        self.connection = connection
        self.notice = notice
        self.operations = Operations()
        if first_window is not None:
            self.model, self.window = first_window.model, first_window.window
        else:
            self.model = ContactsTableModel()
            self.window = MainWindow(self.model)
        self.controller = ContactsController(
            self.model,
            self.window,
            connection,
            self.operations,
            early=first_window.early if first_window is not None else None,
        )
        self.definitions = CustomFieldDefinitions()
        self.definitions.bind(connection, self.operations)
        self.detail_controller = DetailController(
            self.window, self.model, connection, self.operations, self.definitions
        )
        self.search = SearchState()
        self.browse = BrowseController(
            self.model, self.window, connection, self.operations, self.search, self.definitions
        )
        self.search_builder = SearchBuilderController(
            self.window.search_builder,
            self.search,
            self.definitions,
            self.model,
            self.controller,
            self.browse,
            self.window,
        )
        self.saved_searches = SavedSearchesController(
            SavedSearchStore(settings or Settings(), workspace_key),
            self.window,
            self.search_builder,
            self.search,
        )
        self.membership = MembershipEngine(connection, self.operations, self.window)
        self.lists = ListsManager(
            self.window, self.model, self.browse, self.membership, connection, self.operations
        )
        self.controller.settled.connect(self.browse.rows_settled)
        self.detail_controller.listsChanged.connect(self.browse.refresh_lists)
        self.search_builder.addAllToListRequested.connect(self.lists.choose_list_for_search)
        self.search_builder.set_add_all_available(True)
        self.custom_fields = CustomFieldsController(
            self.window, self.definitions, connection, self.operations
        )
        self.operations.failed.connect(self.window.banner.show_failure)
        self.importer = ImporterFeature(
            connection,
            self.window,
            self.operations,
            lambda: ExportSource.of_view(self.model.view, self.window.table.visible_keys()),
        )
        self.window.sidebar.add_page_entry(IMPORTS_PAGE, "Imports", self.importer.make_imports_page)
        self.window.importsRequested.connect(lambda: self.browse.open_page(IMPORTS_PAGE))
        self.window.customFieldsRequested.connect(lambda: self.browse.open_page(CUSTOM_FIELDS_PAGE))
        if isinstance(connection, SandboxConnection):
            connection.on_recovered = lambda text: self.window.show_message(text, STATUS_TIMEOUT_MS)
            self.window.connection_label.setToolTip(f"Sandbox data: {connection.launcher.paths.root}")

    def start(self) -> None:
        """Show the window at once and connect in the background."""
        self.window.set_connection(self.connection.label)
        self.window.show()
        if isinstance(self.connection, SandboxConnection):
            launcher = self.connection.launcher
            first_start = not launcher.paths.database.exists()
            self.window.show_message(
                f"Creating the embedded sandbox with {launcher.demo_contacts:,} demo contacts…"
                if first_start
                else "Starting the embedded sandbox…"
            )
        else:
            self.window.show_message(f"Connecting to {self.connection.label}…")
        self.operations.run(self._open, description=f"Connecting to {self.connection.label}")

    async def _open(self) -> None:
        try:
            await self.connection.open()
        except BaseException:
            # Not "Starting…" nor a count "Loading…" any more: the banner says what happened.
            self.window.show_message("")
            self.window.show_count(FAILED_TEXT)
            raise
        self.window.show_message(self.notice or "")
        self.browse.start()

    async def shutdown(self) -> None:
        """Stop every background operation, close the client, stop the sandbox if this app started it."""
        await self.operations.cancel_all()
        await self.connection.close()

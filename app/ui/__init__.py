"""The PySide6 desktop app on the qasync loop. Starts the sandbox as a process; never imports app.server."""

"""The Contacts API server (FastAPI + SQLAlchemy): the app's embedded sandbox and every test's server."""

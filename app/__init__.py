"""CueDesk Contacts: a desktop contact manager for CueDesk workspaces."""

#: The release, as ``pyproject.toml`` states it (``tests/test_version.py`` keeps the two equal). Written
#: here rather than read from the installed metadata: that lookup scans every installed distribution
#: and cost the app's start tens of milliseconds.
__version__ = "0.1.0"

"""What the app is called (its folders and settings are named after it) and the environment it reads.

Standard library only: the window is painted before anything heavier is imported (first_window.py).
"""

APP_NAME = "CueDesk Contacts"
APP_AUTHOR = "CueDesk"
#: A server to open at start, with its token (decisions.md: scripted runs and tests).
API_URL_ENV = "CUEDESK_API_URL"
API_TOKEN_ENV = "CUEDESK_API_TOKEN"

"""Connecting to CueDesk workspaces: the connect dialog, saved profiles, tokens in the keyring, signing in again."""

"""The Custom fields screen: the workspace's custom field definitions, created, edited and deleted."""

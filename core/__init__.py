"""The bottom floor: code every Pioneer app may share. It imports no other Pioneer app."""

"""Statistics on plain data frames: no Flask, no database session."""

"""Drivers: what runs extraction and linking, and where. `local` is one machine's processes."""

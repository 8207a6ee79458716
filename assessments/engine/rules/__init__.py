"""Rule data, one module per pathway (contract order)."""

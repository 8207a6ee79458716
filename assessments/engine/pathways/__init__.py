"""One module per pathway, same shape: `evaluate(ctx) -> PathwayResult` over the version in force."""

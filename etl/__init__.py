"""ETL for the youth labour-market indicator store (CBS open data)."""

__version__ = "0.1.0"

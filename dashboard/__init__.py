"""Plotly Dash app over the indicator store."""

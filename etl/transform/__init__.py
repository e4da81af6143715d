"""Pure transforms: raw CBS responses -> tidy indicator rows."""

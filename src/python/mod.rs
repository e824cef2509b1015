//! PyO3 glue (the only code that imports pyo3): module definition, conversions, exceptions.

//! Arrow glue: the core's [`Tables`] handed to pyarrow through the Arrow C data interface
//! (`arrow-pyarrow`), without a Python object per row.

use arrow_pyarrow::{IntoPyArrow, ToPyArrow};
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::tables::schema::{arrow_schema, TABLES};
use crate::tables::Tables;

/// Every table as a `pyarrow.Table`, by name.
pub fn to_pyarrow<'py>(py: Python<'py>, tables: Tables) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    for (name, batch) in tables.batches {
        let schema = batch.schema();
        let table = arrow_pyarrow::Table::try_new(vec![batch], schema)
            .map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
        out.set_item(name, table.into_pyarrow(py)?)?;
    }
    Ok(out)
}

/// Every table's schema as a `pyarrow.Schema`, by name (the core's declaration, which
/// `newsfacts.schema.TABLES` must equal).
#[pyfunction]
pub fn table_schemas(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let out = PyDict::new(py);
    for &(name, cols) in TABLES {
        out.set_item(name, arrow_schema(cols).as_ref().to_pyarrow(py)?)?;
    }
    Ok(out)
}

//! Records to Python objects through serde, as `pythonize` does (structs and maps to `dict`,
//! sequences to `list`, tuples to `tuple`, `None`/unit to `None`, unit variants to their name),
//! but with each static name (a struct's field, a unit variant) made into a Python string once
//! per call and shared: a batch's records repeat the same few dozen keys hundreds of thousands of
//! times, and a fresh key string per field (allocated, decoded, hashed on insertion) was the
//! larger part of the conversion.

// foldhash, not SipHash: a batch looks a name up once per field of every record.
use foldhash::{HashMap, HashMapExt};

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
use pyo3::IntoPyObjectExt;
use serde::ser::{self, Serialize};

/// A conversion error (only a custom error from a `Serialize` impl, or Python's own).
#[derive(Debug)]
pub struct ToPyError(String);

impl std::fmt::Display for ToPyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ToPyError {}

impl ser::Error for ToPyError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Self(msg.to_string())
    }
}

impl From<PyErr> for ToPyError {
    fn from(e: PyErr) -> Self {
        Self(e.to_string())
    }
}

impl From<ToPyError> for PyErr {
    fn from(e: ToPyError) -> Self {
        PyRuntimeError::new_err(e.0)
    }
}

type Result<T> = std::result::Result<T, ToPyError>;

/// The Python strings of the static names met so far, by the name's address.
struct Names<'py> {
    py: Python<'py>,
    by_addr: HashMap<usize, Bound<'py, PyString>>,
}

impl<'py> Names<'py> {
    fn get(&mut self, name: &'static str) -> Bound<'py, PyString> {
        // Two equal names at different addresses only cost a second string.
        let py = self.py;
        self.by_addr
            .entry(name.as_ptr() as usize ^ (name.len() << 48))
            .or_insert_with(|| PyString::new(py, name))
            .clone()
    }
}

/// `value` as Python objects.
///
/// # Errors
/// A `Serialize` impl's custom error, or a Python error (memory), as `RuntimeError`.
pub fn to_py<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let mut names = Names {
        py,
        by_addr: HashMap::with_capacity(64),
    };
    Ok(value.serialize(Ser { names: &mut names })?)
}

/// The serializer: one per value, borrowing the call's name cache.
struct Ser<'a, 'py> {
    names: &'a mut Names<'py>,
}

impl<'a, 'py> Ser<'a, 'py> {
    fn py(&self) -> Python<'py> {
        self.names.py
    }

    fn object<V: IntoPyObject<'py>>(self, v: V) -> Result<Bound<'py, PyAny>> {
        v.into_bound_py_any(self.py()).map_err(ToPyError::from)
    }
}

/// A sequence or tuple being built.
struct Seq<'a, 'py> {
    names: &'a mut Names<'py>,
    items: Vec<Bound<'py, PyAny>>,
    tuple: bool,
}

/// A struct or map being built.
struct Dict<'a, 'py> {
    names: &'a mut Names<'py>,
    dict: Bound<'py, PyDict>,
    key: Option<Bound<'py, PyAny>>,
    /// For a variant with fields: `{variant: dict}`.
    variant: Option<&'static str>,
}

impl<'a, 'py> ser::Serializer for Ser<'a, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = ToPyError;
    type SerializeSeq = Seq<'a, 'py>;
    type SerializeTuple = Seq<'a, 'py>;
    type SerializeTupleStruct = Seq<'a, 'py>;
    type SerializeTupleVariant = Seq<'a, 'py>;
    type SerializeMap = Dict<'a, 'py>;
    type SerializeStruct = Dict<'a, 'py>;
    type SerializeStructVariant = Dict<'a, 'py>;

    fn serialize_bool(self, v: bool) -> Result<Self::Ok> {
        self.object(v)
    }
    fn serialize_i8(self, v: i8) -> Result<Self::Ok> {
        self.object(v)
    }
    fn serialize_i16(self, v: i16) -> Result<Self::Ok> {
        self.object(v)
    }
    fn serialize_i32(self, v: i32) -> Result<Self::Ok> {
        self.object(v)
    }
    fn serialize_i64(self, v: i64) -> Result<Self::Ok> {
        self.object(v)
    }
    fn serialize_u8(self, v: u8) -> Result<Self::Ok> {
        self.object(v)
    }
    fn serialize_u16(self, v: u16) -> Result<Self::Ok> {
        self.object(v)
    }
    fn serialize_u32(self, v: u32) -> Result<Self::Ok> {
        self.object(v)
    }
    fn serialize_u64(self, v: u64) -> Result<Self::Ok> {
        self.object(v)
    }
    fn serialize_f32(self, v: f32) -> Result<Self::Ok> {
        self.object(v)
    }
    fn serialize_f64(self, v: f64) -> Result<Self::Ok> {
        self.object(v)
    }
    fn serialize_char(self, v: char) -> Result<Self::Ok> {
        self.object(v.to_string())
    }
    fn serialize_str(self, v: &str) -> Result<Self::Ok> {
        Ok(PyString::new(self.py(), v).into_any())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Self::Ok> {
        self.object(v)
    }
    fn serialize_none(self) -> Result<Self::Ok> {
        Ok(self.py().None().into_bound(self.py()))
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<Self::Ok> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Self::Ok> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<Self::Ok> {
        self.serialize_none()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Self::Ok> {
        Ok(self.names.get(variant).into_any())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<Self::Ok> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Self::Ok> {
        let key = self.names.get(variant);
        let dict = PyDict::new(self.py());
        let v = value.serialize(Ser { names: self.names })?;
        dict.set_item(key, v)?;
        Ok(dict.into_any())
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq> {
        Ok(Seq {
            names: self.names,
            items: Vec::with_capacity(len.unwrap_or(0)),
            tuple: false,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple> {
        Ok(Seq {
            names: self.names,
            items: Vec::with_capacity(len),
            tuple: true,
        })
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        self.serialize_tuple(len)
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(ser::Error::custom("tuple variants are not converted"))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap> {
        let dict = PyDict::new(self.py());
        Ok(Dict {
            names: self.names,
            dict,
            key: None,
            variant: None,
        })
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self::SerializeStruct> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        let mut d = self.serialize_map(None)?;
        d.variant = Some(variant);
        Ok(d)
    }
}

impl<'py> Seq<'_, 'py> {
    fn push<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        let v = value.serialize(Ser { names: self.names })?;
        self.items.push(v);
        Ok(())
    }

    fn finish(self) -> Result<Bound<'py, PyAny>> {
        Ok(if self.tuple {
            PyTuple::new(self.names.py, self.items)?.into_any()
        } else {
            PyList::new(self.names.py, self.items)?.into_any()
        })
    }
}

/// The element-wise traits of [`Seq`]: each element is pushed, the end builds the list/tuple.
macro_rules! seq_impl {
    ($($trait:ident :: $method:ident),*) => {$(
        impl<'py> ser::$trait for Seq<'_, 'py> {
            type Ok = Bound<'py, PyAny>;
            type Error = ToPyError;
            fn $method<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
                self.push(value)
            }
            fn end(self) -> Result<Self::Ok> {
                self.finish()
            }
        }
    )*};
}

seq_impl!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl<'py> Dict<'_, 'py> {
    fn field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<()> {
        let k = self.names.get(key);
        let v = value.serialize(Ser { names: self.names })?;
        self.dict.set_item(k, v)?;
        Ok(())
    }

    fn finish(self) -> Result<Bound<'py, PyAny>> {
        match self.variant {
            None => Ok(self.dict.into_any()),
            Some(variant) => {
                let outer = PyDict::new(self.names.py);
                outer.set_item(self.names.get(variant), self.dict)?;
                Ok(outer.into_any())
            }
        }
    }
}

impl<'py> ser::SerializeMap for Dict<'_, 'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = ToPyError;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<()> {
        self.key = Some(key.serialize(Ser { names: self.names })?);
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<()> {
        let key = self
            .key
            .take()
            .ok_or_else(|| <ToPyError as ser::Error>::custom("a map value without its key"))?;
        let v = value.serialize(Ser { names: self.names })?;
        self.dict.set_item(key, v)?;
        Ok(())
    }
    fn end(self) -> Result<Self::Ok> {
        self.finish()
    }
}

/// The field-wise traits of [`Dict`].
macro_rules! struct_impl {
    ($($trait:ident),*) => {$(
        impl<'py> ser::$trait for Dict<'_, 'py> {
            type Ok = Bound<'py, PyAny>;
            type Error = ToPyError;
            fn serialize_field<T: ?Sized + Serialize>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<()> {
                self.field(key, value)
            }
            fn end(self) -> Result<Self::Ok> {
                self.finish()
            }
        }
    )*};
}

struct_impl!(SerializeStruct, SerializeStructVariant);

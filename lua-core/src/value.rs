//! The `Value` type: a small `Copy` handle; heap objects live in arenas of a
//! [`Heap`](crate::heap::Heap) and values refer to them by index.

/// An interned string: arena index plus its Lua 5.1 hash, cached so that
/// table lookups never re-hash.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct StrRef {
    /// Index into the heap's string arena.
    pub idx: u32,
    /// The Lua 5.1 string hash.
    pub hash: u32,
}

/// Index of a table in the heap's table arena.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TableRef(pub u32);

/// Index of a function (Lua or native closure) in the heap's function arena.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FuncRef(pub u32);

/// A Lua value. Kept `Copy` and 16 bytes so the VM moves values freely.
#[derive(Clone, Copy, Debug, Default)]
#[repr(u64)]
pub enum Value {
    /// `nil`
    #[default]
    Nil,
    /// `true` / `false`
    Boolean(bool),
    /// A number (Lua 5.1 numbers are doubles).
    Number(f64),
    /// An interned string.
    String(StrRef),
    /// A table.
    Table(TableRef),
    /// A Lua or native function.
    Function(FuncRef),
    /// A full userdata (index into the host's userdata arena).
    UserData(u32),
    /// A coroutine.
    Thread(u32),
    /// A light userdata (an opaque pointer-sized integer).
    LightUserData(usize),
}

impl Value {
    /// Lua truthiness: only `nil` and `false` are false.
    #[inline]
    pub fn truthy(self) -> bool {
        !matches!(self, Value::Nil | Value::Boolean(false))
    }

    /// Lua 5.1's type number (LUA_TNIL = 0 ... LUA_TTHREAD = 8), which
    /// indexes the per-type metatables.
    pub fn type_tag(self) -> usize {
        match self {
            Value::Nil => 0,
            Value::Boolean(_) => 1,
            Value::LightUserData(_) => 2,
            Value::Number(_) => 3,
            Value::String(_) => 4,
            Value::Table(_) => 5,
            Value::Function(_) => 6,
            Value::UserData(_) => 7,
            Value::Thread(_) => 8,
        }
    }

    /// The name `type()` reports for this value.
    pub fn type_name(self) -> &'static str {
        match self {
            Value::Nil => "nil",
            Value::Boolean(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Table(_) => "table",
            Value::Function(_) => "function",
            Value::UserData(_) | Value::LightUserData(_) => "userdata",
            Value::Thread(_) => "thread",
        }
    }

    /// Raw equality (`rawequal`): numbers by value, everything else by
    /// identity; interned strings compare by index.
    #[inline]
    pub fn raw_eq(self, other: Value) -> bool {
        match (self, other) {
            (Value::Nil, Value::Nil) => true,
            (Value::Boolean(a), Value::Boolean(b)) => a == b,
            (Value::Number(a), Value::Number(b)) => a == b,
            (Value::String(a), Value::String(b)) => a.idx == b.idx,
            (Value::Table(a), Value::Table(b)) => a == b,
            (Value::Function(a), Value::Function(b)) => a == b,
            (Value::UserData(a), Value::UserData(b)) => a == b,
            (Value::Thread(a), Value::Thread(b)) => a == b,
            (Value::LightUserData(a), Value::LightUserData(b)) => a == b,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_is_16_bytes() {
        assert_eq!(std::mem::size_of::<Value>(), 16);
    }
}

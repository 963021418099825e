//! The RESP request parser on arbitrary bytes, fed in arbitrary pieces as
//! a socket delivers them: requests or a protocol error, never a panic or
//! an allocation sized by a hostile length.
#![no_main]

use bytes::BytesMut;
use libfuzzer_sys::fuzz_target;
use redmoon_server::frame::{Limits, Parsed, Parser};

fuzz_target!(|data: &[u8]| {
    // The first byte chooses how the rest is cut into reads.
    let Some((&cut, data)) = data.split_first() else {
        return;
    };
    let step = usize::from(cut).max(1);
    let limits = Limits {
        max_bulk_len: 512 * 1024 * 1024,
        authenticated: cut & 1 == 0,
    };
    let mut parser = Parser::new();
    let mut buf = BytesMut::new();
    for piece in data.chunks(step) {
        buf.extend_from_slice(piece);
        loop {
            match parser.parse(&mut buf, limits) {
                Ok(Parsed::Command(_)) | Ok(Parsed::Empty) => continue,
                Ok(Parsed::Incomplete) => break,
                Err(_) => return,
            }
        }
    }
});

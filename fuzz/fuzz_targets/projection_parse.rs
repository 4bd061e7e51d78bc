//! Parses arbitrary input as a projection (`fields=...`). Parsing must never
//! panic or overflow the stack; an error must point inside the input; a
//! parsed projection must print canonically (printing and parsing again
//! gives the same projection and the same text).
#![no_main]

use libfuzzer_sys::fuzz_target;
use restli_codec::Projection;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    match Projection::parse(input) {
        Ok(projection) => {
            let text = projection.to_string();
            let again = Projection::parse(&text).expect("a printed projection parses");
            assert_eq!(again, projection, "{input:?} -> {text:?}");
            assert_eq!(again.to_string(), text);
        }
        Err(err) => {
            let offset = err.offset().expect("parse errors carry an offset");
            assert!(
                offset <= input.len() && input.is_char_boundary(offset),
                "{input:?}: {err}"
            );
        }
    }
});

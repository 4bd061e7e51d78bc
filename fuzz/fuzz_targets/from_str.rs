//! Decodes arbitrary input as a URL-form value. Decoding must never panic;
//! an error must point inside the input; a decoded value must re-encode and
//! decode to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    match restli_codec::from_str::<Value>(input) {
        Ok(value) => {
            let encoded = restli_codec::to_string(&value).expect("a decoded value re-encodes");
            let again: Value =
                restli_codec::from_str(&encoded).expect("a re-encoded value decodes");
            assert_eq!(again, value, "{input:?} -> {encoded:?}");
        }
        Err(err) => {
            let offset = err.offset().expect("decoding errors carry an offset");
            assert!(offset <= input.len() && input.is_char_boundary(offset));
        }
    }
});

//! Parses arbitrary input as a URN. Parsing must never panic; an error must
//! point inside the input; a URN must keep its text, and travel through both
//! Rest.li forms (as a `serde_json::Value` and as a `Urn`) unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use restli_codec::Urn;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    match Urn::parse(input) {
        Ok(urn) => {
            assert_eq!(urn.as_str(), input);
            assert_eq!(urn.to_string(), input);
            if let Some(parts) = urn.tuple_ids() {
                assert!(!parts.is_empty());
            }
            let value = Value::String(urn.to_string());
            for encoded in [
                restli_codec::to_string(&urn).expect("a URN encodes"),
                restli_codec::to_string_reduced(&urn).expect("a URN encodes"),
            ] {
                let decoded: Value = restli_codec::from_str(&encoded).expect("a URN decodes");
                assert_eq!(decoded, value, "{input:?} -> {encoded:?}");
                let typed: Urn = restli_codec::from_str(&encoded).expect("a URN decodes");
                assert_eq!(typed, urn);
            }
        }
        Err(err) => {
            assert!(err.offset() <= input.len(), "{input:?}: {err}");
        }
    }
});

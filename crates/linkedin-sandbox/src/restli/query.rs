//! Query parameters of a Rest.li request, each decoded from the URL form.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::errors::{ApiError, excerpt};

/// Parameters the protocol itself uses; all others are finder parameters.
const RESERVED: &[&str] = &[
    "q",
    "bq",
    "ids",
    "action",
    "start",
    "count",
    "fields",
    "pageSize",
    "pageToken",
    "metadataFields",
    "pagingFields",
];

/// Default page size of GET_ALL and finders.
pub(crate) const DEFAULT_COUNT: u64 = 10;

/// Decoded query parameters. The projections (`fields`, `metadataFields`,
/// `pagingFields`) are kept as written.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Params {
    values: BTreeMap<String, Value>,
}

impl Params {
    /// Splits `a=..&b=..` and decodes each value with `restli-codec`.
    pub(crate) fn parse(query: &str) -> Result<Params, ApiError> {
        let mut values = BTreeMap::new();
        for pair in query.split('&').filter(|pair| !pair.is_empty()) {
            let (raw_name, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
            let name: String = restli_codec::from_str(raw_name).map_err(|e| {
                ApiError::invalid_input(
                    "INVALID_PARAMETER_NAME",
                    excerpt(raw_name),
                    format!("invalid query parameter name {}: {e}", excerpt(raw_name)),
                )
            })?;
            // Every projection (`fields`, `metadataFields`, `pagingFields`)
            // is mask text, not a Rest.li-encoded value.
            let value = if restli_codec::PROJECTION_PARAMS.contains(&name.as_str()) {
                Value::String(raw_value.to_owned())
            } else {
                restli_codec::from_str::<Value>(raw_value).map_err(|e| {
                    ApiError::invalid_input(
                        "INVALID_VALUE",
                        name.clone(),
                        format!(
                            "invalid value for query parameter {}: {e} (in {})",
                            excerpt(&name),
                            excerpt(raw_value)
                        ),
                    )
                })?
            };
            values.insert(name, value);
        }
        Ok(Params { values })
    }

    pub(crate) fn contains(&self, name: &str) -> bool {
        self.values.contains_key(name)
    }

    pub(crate) fn get(&self, name: &str) -> Option<&Value> {
        self.values.get(name)
    }

    /// A parameter that must be a plain string, such as `q` or `action`.
    pub(crate) fn text(&self, name: &str) -> Result<Option<&str>, ApiError> {
        match self.values.get(name) {
            None => Ok(None),
            Some(Value::String(text)) if !text.is_empty() => Ok(Some(text)),
            Some(_) => Err(ApiError::invalid_input(
                "INVALID_VALUE",
                name,
                format!("query parameter {name:?} must be a non-empty name"),
            )),
        }
    }

    /// `start` and `count`, defaulting to 0 and 10.
    pub(crate) fn paging(&self) -> Result<(u64, u64), ApiError> {
        let number = |name: &str, default: u64| match self.values.get(name) {
            None => Ok(default),
            Some(Value::String(text)) => text.parse::<u64>().map_err(|_| {
                ApiError::invalid_input(
                    "INVALID_VALUE",
                    name,
                    format!(
                        "query parameter {name:?} must be a non-negative integer, found {}",
                        excerpt(text)
                    ),
                )
            }),
            Some(other) => Err(ApiError::invalid_input(
                "INVALID_VALUE",
                name,
                format!(
                    "query parameter {name:?} must be a non-negative integer, found {}",
                    excerpt(&other.to_string())
                ),
            )),
        };
        Ok((number("start", 0)?, number("count", DEFAULT_COUNT)?))
    }

    /// The finder's own parameters: everything the protocol does not use.
    pub(crate) fn criteria(&self) -> impl Iterator<Item = (&str, &Value)> + Clone {
        self.values
            .iter()
            .filter(|(name, _)| !RESERVED.contains(&name.as_str()))
            .map(|(name, value)| (name.as_str(), value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn decodes_values_and_keeps_fields() {
        let params = Params::parse(
            "q=search&search=(status:(values:List(ACTIVE)),test:false)&fields=id,name&start=5",
        )
        .unwrap();
        assert_eq!(params.text("q").unwrap(), Some("search"));
        assert_eq!(
            params.get("search"),
            Some(&json!({"status": {"values": ["ACTIVE"]}, "test": "false"}))
        );
        assert_eq!(params.get("fields"), Some(&json!("id,name")));
        assert_eq!(params.paging().unwrap(), (5, 10));
        let criteria: Vec<&str> = params.criteria().map(|(name, _)| name).collect();
        assert_eq!(criteria, ["search"]);
    }

    // Rest.li's projection parameters are `fields`, `metadataFields` and
    // `pagingFields` (linkedin/rest.li `restli-common/src/main/java/com/
    // linkedin/restli/common/RestConstants.java`, PROJECTION_PARAMETERS):
    // each is mask text, never a Rest.li value, and none is a criterion.
    #[test]
    fn every_projection_is_kept_as_written() {
        let params =
            Params::parse("q=search&metadataFields=paging:(total)&pagingFields=start,count")
                .unwrap();
        assert_eq!(params.get("metadataFields"), Some(&json!("paging:(total)")));
        assert_eq!(params.get("pagingFields"), Some(&json!("start,count")));
        assert_eq!(params.criteria().count(), 0);
    }

    #[test]
    fn undecodable_values_are_400_with_offset() {
        let err = Params::parse("ids=List(1,2").unwrap_err();
        assert_eq!(err.status, 400);
        assert!(err.message.contains("\"ids\""), "{}", err.message);
        assert_eq!(err.input_errors[0].field_path, "ids");
        assert!(err.message.contains("at byte"), "{}", err.message);
        assert!(Params::parse("count=-1").unwrap().paging().is_err());
    }
}

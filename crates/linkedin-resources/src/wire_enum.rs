//! The one macro for LinkedIn's documented string values: an enum of the
//! values a page lists, with `Unknown` keeping any other text, so that a new
//! LinkedIn value never fails a read.

/// Defines a documented string enum with an `Unknown(String)` fallback.
///
/// It gets `ALL` (the documented values, in the order given), `as_str` (the
/// wire text), `FromStr` (never failing) and `From<&str>`, `Display`, and
/// serde as the wire string. `$module` is the public path the doc example
/// imports it from; `$example` a documented variant.
macro_rules! wire_enum {
    (
        $(#[$doc:meta])*
        $name:ident in $module:literal {
            $($(#[$vdoc:meta])* $variant:ident = $wire:literal,)+
        }
        example = $example:ident
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vdoc])* $variant,)+
            /// A value this version does not know, kept as sent.
            Unknown(String),
        }

        impl $name {
            /// The documented values, in the page's order.
            ///
            /// ```
            #[doc = concat!("use ", $module, "::", stringify!($name), ";")]
            #[doc = concat!("assert!(", stringify!($name), "::ALL.contains(&", stringify!($name), "::", stringify!($example), "));")]
            /// ```
            pub const ALL: [$name; wire_enum!(@count $($variant)+)] = [$($name::$variant,)+];

            /// The value as LinkedIn writes it.
            ///
            /// ```
            #[doc = concat!("use ", $module, "::", stringify!($name), ";")]
            #[doc = concat!("assert_eq!(", stringify!($name), "::", stringify!($example), ".as_str().parse::<", stringify!($name), ">(), Ok(", stringify!($name), "::", stringify!($example), "));")]
            #[doc = concat!("assert_eq!(", stringify!($name), "::Unknown(\"NEW\".into()).as_str(), \"NEW\");")]
            /// ```
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)+
                    $name::Unknown(text) => text,
                }
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> $name {
                match text {
                    $($wire => $name::$variant,)+
                    other => $name::Unknown(other.to_owned()),
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;

            /// Never fails: an unknown value is [`Unknown`](Self::Unknown).
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Ok($name::from(text))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <String as serde::Deserialize>::deserialize(deserializer)?;
                Ok($name::from(text.as_str()))
            }
        }
    };
    (@count $($variant:ident)*) => {
        0 $(+ wire_enum!(@one $variant))*
    };
    (@one $variant:ident) => {
        1
    };
}

pub(crate) use wire_enum;

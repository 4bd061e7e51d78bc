//! The request descriptions of the typed APIs: each a newtype over the
//! `restli_codec` request of its method, answered by one response type, so a
//! transport's generic `send(request)` infers what comes back.

/// Defines a request type wrapping a codec request, answered by `$response`.
///
/// `paged` also makes it [`Paginated`](restli_codec::Paginated), for
/// GET_ALL and FINDER requests walked page by page.
macro_rules! request_type {
    (
        $(#[$doc:meta])*
        $name:ident($inner:ty) => $response:ty, example = $example:literal $(, $paged:ident)?
    ) => {
        $(#[$doc])*
        #[derive(Clone, Debug)]
        #[must_use]
        pub struct $name($inner);

        impl $name {
            /// The codec request this describes (to add a projection, another
            /// version or header before sending).
            ///
            /// ```
            #[doc = concat!("let request = ", $example, ";")]
            /// let inner = request.into_inner();
            /// assert!(!inner.path().is_empty());
            /// # Ok::<(), Box<dyn std::error::Error>>(())
            /// ```
            pub fn into_inner(self) -> $inner {
                self.0
            }

            /// The exact HTTP request a transport sends (see
            /// [`restli_codec::DynamicRequest::to_http`]).
            ///
            /// ```
            /// use restli_codec::{LinkedInVersion, RequestConfig};
            ///
            /// let config = RequestConfig::new().with_version(LinkedInVersion::new("202510")?);
            #[doc = concat!("let request = ", $example, ";")]
            /// let http = request.to_http(&config, Some("token"))?;
            /// assert!(http.uri().to_string().starts_with("https://api.linkedin.com/"));
            /// # Ok::<(), Box<dyn std::error::Error>>(())
            /// ```
            ///
            /// # Errors
            ///
            /// Any [`restli_codec::RequestError`].
            pub fn to_http(
                &self,
                config: &restli_codec::RequestConfig,
                access_token: Option<&str>,
            ) -> Result<http::Request<Vec<u8>>, restli_codec::RequestError> {
                self.0.to_http(config, access_token)
            }
        }

        impl From<$name> for restli_codec::DynamicRequest {
            fn from(request: $name) -> restli_codec::DynamicRequest {
                request.0.into()
            }
        }

        impl AsRef<restli_codec::DynamicRequest> for $name {
            fn as_ref(&self) -> &restli_codec::DynamicRequest {
                self.0.as_ref()
            }
        }

        impl restli_codec::RestliRequest<$response> for $name {}

        $(request_type!(@$paged $name);)?
    };
    (@paged $name:ident) => {
        impl restli_codec::Paginated for $name {}
    };
}

pub(crate) use request_type;

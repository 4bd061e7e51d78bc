//! The request descriptions of the typed APIs: each a newtype over the
//! `restli_codec` request of its method, answered by one response type, so a
//! transport's generic `send(request)` infers what comes back.

/// Defines a request type wrapping a codec request (its `inner` field),
/// answered by `$response`.
///
/// `example` is an expression (it may use `?`) making one such request, run
/// in the doc examples of the methods made here. `paged` also makes it
/// [`Paginated`](restli_codec::Paginated), for GET_ALL and FINDER requests
/// walked page by page.
macro_rules! request_type {
    (
        $(#[$doc:meta])*
        $name:ident($inner:ty) => $response:ty, example = $example:literal $(, $paged:ident)? $(,)?
    ) => {
        $(#[$doc])*
        #[derive(Clone, Debug)]
        #[must_use]
        pub struct $name {
            inner: $inner,
        }

        impl $name {
            /// The codec request this is (to read its path, query or body).
            ///
            /// ```
            #[doc = concat!("let request = ", $example, ";")]
            /// assert!(!request.request().path().is_empty());
            /// # Ok::<(), Box<dyn std::error::Error>>(())
            /// ```
            pub fn request(&self) -> &$inner {
                &self.inner
            }

            /// The codec request this is, owned (to add a projection, another
            /// version or header before sending).
            ///
            /// ```
            #[doc = concat!("let request = ", $example, ".into_inner().version(\"202406\");")]
            /// assert_eq!(request.linkedin_version().map(|v| v.as_str()), Some("202406"));
            /// # Ok::<(), Box<dyn std::error::Error>>(())
            /// ```
            pub fn into_inner(self) -> $inner {
                self.inner
            }

            /// The exact HTTP request a transport sends (see
            /// [`DynamicRequest::to_http`](restli_codec::DynamicRequest::to_http)).
            ///
            /// ```
            /// use linkedin::restli::{LinkedInVersion, RequestConfig};
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
            /// Any [`RequestError`](restli_codec::RequestError) (a config
            /// without a `LinkedIn-Version`, which `/rest` needs, among them).
            pub fn to_http(
                &self,
                config: &restli_codec::RequestConfig,
                access_token: Option<&str>,
            ) -> Result<http::Request<Vec<u8>>, restli_codec::RequestError> {
                self.inner.to_http(config, access_token)
            }

            /// Sets this request's own `LinkedIn-Version`.
            ///
            /// ```
            #[doc = concat!("let request = ", $example, ".version(\"202405\");")]
            /// assert_eq!(request.as_ref().linkedin_version().map(|v| v.as_str()), Some("202405"));
            /// # Ok::<(), Box<dyn std::error::Error>>(())
            /// ```
            pub fn version(self, version: &str) -> Self {
                $name {
                    inner: self.inner.version(version),
                }
            }
        }

        impl From<$name> for restli_codec::DynamicRequest {
            fn from(request: $name) -> restli_codec::DynamicRequest {
                request.inner.into()
            }
        }

        impl AsRef<restli_codec::DynamicRequest> for $name {
            fn as_ref(&self) -> &restli_codec::DynamicRequest {
                self.inner.as_ref()
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

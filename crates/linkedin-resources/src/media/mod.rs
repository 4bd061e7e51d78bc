//! Media uploads: the Images, Documents and Videos APIs.

//! What the report tells the user to do: the upload plan, the per-URL acceptance checklist, the
//! ECDSA compatibility table, the integrations and the TLS notes.

pub mod checklist;
pub mod ecdsa_table;
pub mod integrations;
pub mod tls;
pub mod upload_plan;

//! What the report tells the user to do: the upload plan, the per-URL acceptance checklist, the
//! ECDSA compatibility table, the integrations, the TLS notes and the renewal calendar.

pub mod checklist;
pub mod ecdsa_table;
pub mod integrations;
pub mod renewals;
pub mod tls;
pub mod upload_plan;

pub mod article;
pub mod list;
pub mod not_found;
pub mod offline;

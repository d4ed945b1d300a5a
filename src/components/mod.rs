pub mod article_card;
pub mod loaded;
pub mod photo;
pub mod states;

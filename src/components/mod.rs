pub mod article_card;
pub mod blocks;
pub mod filters;
pub mod loaded;
pub mod results;
pub mod states;
pub mod title;
pub mod update_banner;

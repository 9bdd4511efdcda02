module.exports = require("./temporary-folder").setup;

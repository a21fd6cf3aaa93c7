// The sign-in page (HTML from Accounts/SignInPages.cs, which works without script): the common header, the language.
import { setUpPage, run } from "./common.js";

setUpPage("signin.heading");
run(async () => {});

// The HTML 404 page (served by Pages/PagesSetup.cs for unknown page addresses; unknown /api paths keep their JSON problem).
import { setUpPage, run } from "./common.js";

setUpPage("page404.heading");
run(async () => {});

// 规划监测 home: what each monitoring page does.
import { setUpPage, run } from "../common.js";

setUpPage("mon.home.heading", { section: "monitoring" });
run(async () => {});

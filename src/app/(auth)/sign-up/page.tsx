import { redirect } from "next/navigation";
import { AuthForm } from "@/components/auth-form";
import { getPageViewer } from "@/server/auth/page";

export default async function SignUpPage() {
  if (await getPageViewer()) redirect("/dashboard");
  return <AuthForm mode="sign-up" />;
}

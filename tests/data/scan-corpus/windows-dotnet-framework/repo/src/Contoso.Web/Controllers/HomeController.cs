namespace Contoso.Web.Controllers { public class HomeController { } }
